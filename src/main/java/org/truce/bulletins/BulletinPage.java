package org.truce.bulletins;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What the bulletin template prints: the bulletin, its pictures as data URIs, and whether the annex is printed in
 * the HTML (the PDF draws its annex pages directly, so that a month of incidents prints in seconds).
 */
public record BulletinPage(Bulletin b, String trendPng, String mapPng, boolean annexInHtml, List<Legend> legend,
    List<Signature> signatures) {

  public record Legend(String finding, String colour) {}

  /** A guarantor's signature as the issued bulletin lists it. */
  public record Signature(String party, String name, String keyId, OffsetDateTime signedAt) {}

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ENGLISH);

  public String when(OffsetDateTime t) {
    return t == null ? "" : TIME.format(t.atZoneSameInstant(java.time.ZoneId.of(b.period().timeZone())));
  }

  public String short_(OffsetDateTime t) {
    return t == null ? "" : DAY_TIME.format(t.atZoneSameInstant(java.time.ZoneId.of(b.period().timeZone())));
  }

  public static String sum(Bulletin.Sum s) {
    if (s.incidents() == 0) {
      return "0";
    }
    return s.low() == s.high() ? Long.toString(s.best()) : s.best() + " (" + s.low() + "–" + s.high() + ")";
  }

  /** The counts by finding in the order findings progress, whatever order the JSON held them in. */
  public List<java.util.Map.Entry<String, Integer>> findings() {
    return org.truce.incidents.IncidentRoutes.FINDINGS.stream()
        .map(f -> java.util.Map.entry(f, b.byFinding().getOrDefault(f, 0))).toList();
  }

  public static String signed(long n) {
    return n > 0 ? "+" + n : Long.toString(n);
  }

  public static String n(Integer i) {
    return i == null ? "–" : i.toString();
  }

  public static String label(String code) {
    return code == null ? "" : code.replace('_', ' ');
  }

  /** "none confirmed", "1 confirmed", "3 confirmed". */
  public static String confirmed(long verified) {
    return verified == 0 ? "none confirmed" : verified + " confirmed";
  }
}
