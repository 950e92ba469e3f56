package org.truce.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DecimalStyle;
import java.time.format.FormatStyle;
import java.util.List;
import org.truce.access.User;
import org.truce.config.WebSettings;
import org.truce.parties.Parties;
import org.truce.parties.Party;

/**
 * What every page knows besides its own content: the language, the signed-in user (or null), the session's CSRF
 * token, the navigation, and the words and formats of the language. Templates call {@link #t} for every word
 * they show, and {@link #dateTime} / {@link #number} for values, so that a page reads the same in each language.
 * Times are shown in UTC, as they are stored, whatever the reader's time zone: the record is one for all parties.
 */
public final class View {

  private final Lang lang;
  private final Messages messages;
  private final User user;
  private final String csrf;
  private final String path;
  private final String query;
  private final List<Navigation.Link> nav;
  private final Parties parties;
  private final Assets assets;
  private final WebSettings web;

  View(Lang lang, Messages messages, User user, String csrf, String path, String query, Parties parties, Assets assets,
       WebSettings web) {
    this.lang = lang;
    this.messages = messages;
    this.user = user;
    this.csrf = csrf;
    // only a path of this site goes into the language links (never "//host", which a browser reads as another site)
    this.path = path == null || !path.startsWith("/") || path.startsWith("//") || path.contains("\\") ? "/" : path;
    this.query = query == null ? "" : query;
    this.parties = parties;
    this.assets = assets;
    this.web = web;
    this.nav = Navigation.links(user, parties, messages, lang, this.path);
  }

  public Lang lang() {
    return lang;
  }

  public User user() {
    return user;
  }

  public String csrf() {
    return csrf;
  }

  public List<Navigation.Link> nav() {
    return nav;
  }

  public List<Lang> langs() {
    return List.of(Lang.values());
  }

  /** The words of key in this page's language, with {0} … filled in. */
  public String t(String key, Object... args) {
    return messages.format(lang, key, args);
  }

  /** A violation type's name. */
  public String type(String code) {
    return code == null ? "" : messages.get(lang, "type." + code);
  }

  /** A finding's name. */
  public String finding(String code) {
    return code == null ? "" : messages.get(lang, "finding." + code);
  }

  /** An assessment's name (confirmed, not_confirmed, insufficient_information). */
  public String assessment(String code) {
    return code == null ? "" : messages.get(lang, "assessment." + code);
  }

  /** A source type's name. */
  public String sourceType(String code) {
    return code == null ? "" : messages.get(lang, "source." + code);
  }

  /** A role's name. */
  public String role(String code) {
    return code == null ? "" : messages.get(lang, "role." + code);
  }

  /** A party's name in this language where the shipped parties have one, else its stored name. */
  public String party(String code) {
    if (code == null) {
      return "";
    }
    if (messages.has(Lang.EN, "party." + code)) {
      return messages.get(lang, "party." + code);
    }
    Party p = parties.get(code);
    return p == null ? code : p.name();
  }

  /** A zone's name: the shipped zones have theirs in each language; others show their id. */
  public String zone(String id) {
    if (id == null) {
      return messages.get(lang, "zone.none");
    }
    return messages.has(Lang.EN, "zone." + id) ? messages.get(lang, "zone." + id) : id;
  }

  /** Date and time in UTC, in this language's way ("20 нояб. 2026 г., 14:30 UTC"). */
  public String dateTime(OffsetDateTime t) {
    if (t == null) {
      return "";
    }
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(lang.locale())
        .withDecimalStyle(DecimalStyle.of(lang.locale())).format(t.atZoneSameInstant(ZoneOffset.UTC)) + " UTC";
  }

  /**
   * Date and time in another time zone, named after it ("20 Nov 2026, 19:30 (Asia/Damascus)"): a bulletin's period
   * is read in the mechanism's time, as its cut-off ("as of 19:30") is set.
   */
  public String dateTimeIn(OffsetDateTime t, String zoneId) {
    if (t == null) {
      return "";
    }
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(lang.locale())
        .withDecimalStyle(DecimalStyle.of(lang.locale())).format(t.atZoneSameInstant(java.time.ZoneId.of(zoneId)))
        + " (" + zoneId + ")";
  }

  /** A date in UTC in this language's way. */
  public String date(OffsetDateTime t) {
    if (t == null) {
      return "";
    }
    return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(lang.locale())
        .withDecimalStyle(DecimalStyle.of(lang.locale())).format(t.atZoneSameInstant(ZoneOffset.UTC));
  }

  /** The machine-readable form for a time element's datetime attribute. */
  public String iso(OffsetDateTime t) {
    return t == null ? "" : t.withOffsetSameInstant(ZoneOffset.UTC).toString();
  }

  /** A number in this language's digits and separators. */
  public String number(Number n) {
    return n == null ? "–" : NumberFormat.getInstance(lang.locale()).format(n);
  }

  /** The online tile layer's URL template when the operator set one (TRUCE_MAP_TILES_URL), else null. */
  public String tilesUrl() {
    return web.mapTilesUrl();
  }

  public String tilesAttribution() {
    return web.mapTilesAttribution();
  }

  String tileOrigin() {
    return web.mapTilesOrigin();
  }

  /** The URL of a static asset, with its content hash so that it may be cached for long. */
  public String asset(String name) {
    return assets.url(name);
  }

  /** This page in another language: its path and query with lang replaced. */
  public String langHref(Lang l) {
    StringBuilder q = new StringBuilder();
    for (String part : query.split("&")) {
      if (!part.isEmpty() && !part.startsWith("lang=")) {
        q.append(part).append('&');
      }
    }
    q.append("lang=").append(URLEncoder.encode(l.code(), StandardCharsets.UTF_8));
    return path + "?" + q;
  }
}
