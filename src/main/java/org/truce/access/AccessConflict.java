package org.truce.access;

/**
 * A change to users or tokens that the current state forbids (a name already taken, removing the last enabled
 * admin, too many tokens); the HTTP layer answers it 409 naming the field, the command line prints the message.
 */
public final class AccessConflict extends RuntimeException {

  private final String field;

  public AccessConflict(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The request field at fault ("name", "roles", ...). */
  public String field() {
    return field;
  }
}
