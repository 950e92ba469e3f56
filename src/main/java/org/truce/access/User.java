package org.truce.access;

import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** A person or system that acts in Truce, always on behalf of one party, with one or more roles. */
public record User(UUID id, String name, String party, Set<Role> roles) {

  public User {
    roles = Set.copyOf(roles);
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }

  public boolean hasAny(Role... any) {
    return Arrays.stream(any).anyMatch(roles::contains);
  }

  /** The role codes, sorted, e.g. "coordinator,reviewer". */
  public String roleCodes() {
    return roles.stream().map(Role::code).sorted().collect(Collectors.joining(","));
  }
}
