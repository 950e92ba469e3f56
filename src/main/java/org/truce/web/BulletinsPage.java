package org.truce.web;

import java.util.List;
import java.util.Map;
import org.truce.bulletins.Bulletins;

/**
 * The bulletins page: the bulletins on record the reader may see (newest first), the form that reads any period's
 * bulletin at once, and for coordinators the draft form (typed: its values, the mechanism's usual period first).
 * older is the number to list the older ones from, when there are more than a page.
 */
public record BulletinsPage(List<Bulletins.Stored> bulletins, List<String> zones, boolean mayDraft,
    boolean mayReadInternal, String timeZone, Map<String, String> typed, List<Bulletins.Stored> issued,
    List<String> errors, Long older) {

  public String typed(String field) {
    return typed.getOrDefault(field, "");
  }

  /** The parties that signed a bulletin, as a list of codes. */
  public static List<String> signedBy(Bulletins.Stored b) {
    return b.signatures().stream().map(Bulletins.SignatureRow::party).toList();
  }
}
