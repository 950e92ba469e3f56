package org.truce.audit;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterable;

/**
 * Recomputes the audit chain from the first entry. An edited entry no longer matches its hash; a deleted,
 * reordered or inserted one breaks the sequence or the link to its predecessor; a tail cut off and rewritten
 * consistently is caught only against a head kept elsewhere (a guarantor's copy of {@code /api/v1/audit/head}).
 */
public final class AuditVerifier {

  private final Jdbi jdbi;

  public AuditVerifier(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The outcome: ok, how many entries were checked, and otherwise the first entry that fails and why. */
  public record Result(boolean ok, long entries, long firstBad, String problem, AuditLog.Head head) {}

  /** Checks the whole chain and, when against is not null, that the log still holds that head. */
  public Result verify(AuditLog.Head against) {
    return jdbi.inTransaction(h -> {
      ResultIterable<AuditLog.Entry> entries = h.createQuery("select * from audit_log order by seq")
          .setFetchSize(1000).map((rs, ctx) -> AuditLog.read(rs));
      long expected = 1;
      String prev = AuditLog.GENESIS;
      boolean sawAgainst = against == null || against.seq() == 0;
      try (var it = entries.iterator()) {
        while (it.hasNext()) {
          AuditLog.Entry e = it.next();
          if (e.seq() != expected) {
            return bad(expected - 1, e.seq() > expected ? expected : e.seq(),
                e.seq() > expected ? "entry " + expected + " is missing (the next entry is " + e.seq() + ")"
                    : "entry " + e.seq() + " appears out of order", prev);
          }
          if (!e.prevHash().equals(prev)) {
            return bad(expected - 1, e.seq(), "entry " + e.seq() + " does not follow entry " + (e.seq() - 1)
                + ": its previous hash is " + e.prevHash() + ", the chain has " + prev, prev);
          }
          String recomputed = AuditLog.hash(e);
          if (!recomputed.equals(e.hash())) {
            return bad(expected - 1, e.seq(), "entry " + e.seq() + " (" + e.action() + " " + e.entityType() + " "
                + e.entityId() + ") was changed: its content hashes to " + recomputed + ", not to the stored " + e.hash(), prev);
          }
          if (against != null && e.seq() == against.seq()) {
            if (!e.hash().equals(against.hash())) {
              return bad(expected - 1, e.seq(), "entry " + e.seq() + " is not the one of the given head: the log has "
                  + e.hash() + ", the head " + against.hash() + " (history from here was rewritten)", prev);
            }
            sawAgainst = true;
          }
          prev = e.hash();
          expected++;
        }
      }
      AuditLog.Head last = new AuditLog.Head(expected - 1, prev);
      if (!sawAgainst) {
        return new Result(false, expected - 1, against.seq(), "the log ends at entry " + (expected - 1)
            + " and no longer holds the given head " + against.seq() + " (" + against.hash() + "): it was truncated", last);
      }
      return new Result(true, expected - 1, 0, null, last);
    });
  }

  private static Result bad(long checked, long seq, String problem, String prevHash) {
    return new Result(false, checked, seq, problem, new AuditLog.Head(checked, prevHash));
  }

}
