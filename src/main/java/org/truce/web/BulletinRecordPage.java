package org.truce.web;

import java.util.List;
import java.util.Map;
import org.truce.bulletins.Bulletin;
import org.truce.bulletins.Bulletins;

/**
 * One stored bulletin's page: what it is (number, period, status, hash, rule), what it says (its headline figures,
 * from the signed content), each guarantor's signature or its absence, the downloads, and the signing form for a
 * guarantor's reviewer whose party has not signed yet. corrections are those the reader may see: issued ones, and
 * drafts too for the mechanism.
 */
public record BulletinRecordPage(Bulletins.Stored b, Bulletin content, List<Guarantor> guarantors, boolean maySign,
    List<Bulletins.Key> ownKeys, boolean mayCorrect, boolean mayReadInternal, String timeZone,
    List<Bulletins.Correction> corrections, Long correctsNumber, String doneKey, List<String> errors, Map<String, String> typed) {

  /** A guarantor and its signature (null: not signed). */
  public record Guarantor(String party, Bulletins.SignatureRow signature) {}

  public String typed(String field) {
    return typed.getOrDefault(field, "");
  }

  /** The issued bulletin that corrects this one, if any: the first. */
  public Bulletins.Correction issuedCorrection() {
    return corrections.stream().filter(Bulletins.Correction::issued).findFirst().orElse(null);
  }

  /** Corrections drafted but not yet issued (shown to the mechanism only). */
  public List<Bulletins.Correction> draftCorrections() {
    return corrections.stream().filter(c -> !c.issued()).toList();
  }

  /** How many more signatures the bulletin's rule needs before it is issued. */
  public int missing() {
    long signed = guarantors.stream().filter(g -> g.signature() != null).count();
    int n = guarantors.size();
    int needed = "majority".equals(b.rule()) ? n / 2 + 1 : n;
    return (int) Math.max(0, needed - signed);
  }

  /** A casualty sum as "best (low–high)" in the page's digits. */
  public static String sum(View v, Bulletin.Sum s) {
    if (s.incidents() == 0 || s.low() == s.high()) {
      return v.number(s.best());
    }
    return v.number(s.best()) + " (" + v.number(s.low()) + "–" + v.number(s.high()) + ")";
  }
}
