package org.truce.web;

import java.util.Locale;

/** The languages of the web interface: code, the way it is written (dir), and its own name for the switcher. */
public enum Lang {
  EN("en", false, "English", "latn"),
  AR("ar", true, "العربية", "arab"),
  RU("ru", false, "Русский", "latn"),
  FA("fa", true, "فارسی", "arabext"),
  TR("tr", false, "Türkçe", "latn");

  private final String code;
  private final boolean rtl;
  private final String ownName;
  private final String digits;

  Lang(String code, boolean rtl, String ownName, String digits) {
    this.code = code;
    this.rtl = rtl;
    this.ownName = ownName;
    this.digits = digits;
  }

  public String code() {
    return code;
  }

  /** The value of the html element's dir attribute. */
  public String dir() {
    return rtl ? "rtl" : "ltr";
  }

  public boolean rtl() {
    return rtl;
  }

  public String ownName() {
    return ownName;
  }

  /**
   * The locale dates and numbers are written in, as a BCP 47 tag that the browser's Intl is given too (app.js), so
   * that the server and the page's script write alike: always the Gregorian calendar (a date in the record is the
   * same date for every party, whatever its language), and the digits of the language named rather than left to
   * each side's version of CLDR (Arabic-Indic for Arabic, Persian for Persian).
   */
  public String localeTag() {
    return code + "-u-ca-gregory-nu-" + digits;
  }

  public Locale locale() {
    return Locale.forLanguageTag(localeTag());
  }

  /** The language of that code, or null when it is not one of ours. */
  public static Lang of(String code) {
    if (code == null) {
      return null;
    }
    String c = code.trim().toLowerCase(Locale.ROOT);
    for (Lang l : values()) {
      if (l.code.equals(c)) {
        return l;
      }
    }
    return null;
  }

  /** The best of ours for an Accept-Language header (weights honoured, region ignored), or English. */
  public static Lang fromAcceptLanguage(String header) {
    if (header == null || header.isBlank()) {
      return EN;
    }
    try {
      for (Locale.LanguageRange r : Locale.LanguageRange.parse(header)) {
        String range = r.getRange();
        Lang l = of(range.contains("-") ? range.substring(0, range.indexOf('-')) : range);
        if (l != null && r.getWeight() > 0) {
          return l;
        }
      }
    } catch (IllegalArgumentException e) {
      // a malformed header: fall back to English
    }
    return EN;
  }
}
