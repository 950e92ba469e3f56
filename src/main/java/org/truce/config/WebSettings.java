package org.truce.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Settings of web sign-in (see docs/operations.md).
 *
 * @param sessionLifetime how long a web session lasts from sign-in, whatever is done with it (TRUCE_SESSION_HOURS)
 * @param trustForwardedProto whether {@code X-Forwarded-Proto: https} from the reverse proxy marks a request as
 *     having come over TLS (TRUCE_TRUST_FORWARDED_PROTO); only set it when every request passes that proxy
 * @param secureCookies whether cookies always get the Secure attribute, whatever the request's scheme
 *     (TRUCE_COOKIE_SECURE)
 * @param mapTilesUrl an online tile layer for the web maps, e.g. {@code https://tile.example.org/{z}/{x}/{y}.png}
 *     (TRUCE_MAP_TILES_URL); null, the default, keeps the maps to the outlines shipped in the jar
 * @param mapTilesAttribution the credit the tile provider requires, shown on the map (TRUCE_MAP_TILES_ATTRIBUTION)
 */
public record WebSettings(Duration sessionLifetime, boolean trustForwardedProto, boolean secureCookies,
                          String mapTilesUrl, String mapTilesAttribution) {

  public static WebSettings defaults() {
    return new WebSettings(Duration.ofHours(12), false, false, null, null);
  }

  /** The scheme, host and port of the tile layer (what the content security policy must allow), or null. */
  public String mapTilesOrigin() {
    if (mapTilesUrl == null) {
      return null;
    }
    java.net.URI u = java.net.URI.create(mapTilesUrl.replace("{", "%7B").replace("}", "%7D"));
    return u.getScheme() + "://" + u.getRawAuthority();
  }

  static WebSettings fromEnvironment(Map<String, String> env) {
    int hours = Settings.intValue(env, "TRUCE_SESSION_HOURS", 12);
    if (hours < 1 || hours > 24 * 30) {
      throw new IllegalArgumentException("TRUCE_SESSION_HOURS must be 1 to 720, got " + hours);
    }
    String tiles = env.get("TRUCE_MAP_TILES_URL");
    if (tiles != null && tiles.isBlank()) {
      tiles = null;
    }
    if (tiles != null && !tiles.matches("https?://[A-Za-z0-9.-]+(:[0-9]+)?/[^\\s\"'<>]*")) {
      throw new IllegalArgumentException("TRUCE_MAP_TILES_URL must be an http(s) URL such as "
          + "https://tile.example.org/{z}/{x}/{y}.png, got '" + tiles + "'");
    }
    String credit = env.get("TRUCE_MAP_TILES_ATTRIBUTION");
    return new WebSettings(Duration.ofHours(hours), bool(env, "TRUCE_TRUST_FORWARDED_PROTO"),
        bool(env, "TRUCE_COOKIE_SECURE"), tiles, credit == null || credit.isBlank() ? null : credit.trim());
  }

  public WebSettings withTrustForwardedProto(boolean trust) {
    return new WebSettings(sessionLifetime, trust, secureCookies, mapTilesUrl, mapTilesAttribution);
  }

  public WebSettings withMapTiles(String url, String attribution) {
    return new WebSettings(sessionLifetime, trustForwardedProto, secureCookies, url, attribution);
  }

  private static boolean bool(Map<String, String> env, String key) {
    String v = env.get(key);
    if (v == null || v.isBlank()) {
      return false;
    }
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
    };
  }
}
