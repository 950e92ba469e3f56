package org.truce.access;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.truce.http.ApiException;
import org.truce.parties.Parties;
import org.truce.parties.Party;

/**
 * The permission checks every handler starts with; the matrix they implement is docs/permissions.md. A caller
 * without a role gets 403; an object of another party that the caller may not see is answered 404 by the
 * handler, never 403, so that its existence does not leak.
 */
public final class Access {

  private Access() {}

  /** Passes when the user has one of the roles, else 403 naming what it has and what is needed. */
  public static void requireRole(User u, String action, Role... allowed) {
    if (!u.hasAny(allowed)) {
      throw ApiException.forbidden("role " + u.roleCodes() + " may not " + action + "; allowed: "
          + Arrays.stream(allowed).map(Role::code).collect(Collectors.joining(", ")));
    }
  }

  /** Whether the user's party is one of the mechanism's guarantors. */
  public static boolean isGuarantor(User u, Parties parties) {
    Party p = parties.get(u.party());
    return p != null && p.isGuarantor();
  }

  /**
   * Whether the user may read a report whose source is that party: its own party's reports, and every report for
   * the guarantors and the secretariat, who run the mechanism. Other conflict parties and observers see the
   * incidents the reports support, not the reports.
   */
  public static boolean canSeeReport(User u, String sourceParty, Parties parties) {
    return u.party().equals(sourceParty) || runsMechanism(u, parties);
  }

  /** Whether the user is of a guarantor or of the secretariat: those who run the mechanism and see its internals. */
  public static boolean runsMechanism(User u, Parties parties) {
    Party p = parties.get(u.party());
    return p != null && (p.isGuarantor() || Party.SECRETARIAT.equals(p.kind()));
  }
}
