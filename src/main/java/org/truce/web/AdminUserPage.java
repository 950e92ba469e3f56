package org.truce.web;

import java.util.List;
import org.truce.access.Account;
import org.truce.access.Token;
import org.truce.access.Tokens;

/** One user for admins: its account, tokens, the roles there are, what was just done, and a token just issued (once). */
public record AdminUserPage(Account account, List<Token> tokens, List<String> roles, String doneKey, String error,
                            Tokens.Issued issued, boolean locked) {

  public boolean hasRole(String code) {
    return account.user().roles().stream().anyMatch(r -> r.code().equals(code));
  }
}
