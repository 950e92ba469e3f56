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
 */
public record WebSettings(Duration sessionLifetime, boolean trustForwardedProto, boolean secureCookies) {

  public static WebSettings defaults() {
    return new WebSettings(Duration.ofHours(12), false, false);
  }

  static WebSettings fromEnvironment(Map<String, String> env) {
    int hours = Settings.intValue(env, "TRUCE_SESSION_HOURS", 12);
    if (hours < 1 || hours > 24 * 30) {
      throw new IllegalArgumentException("TRUCE_SESSION_HOURS must be 1 to 720, got " + hours);
    }
    return new WebSettings(Duration.ofHours(hours), bool(env, "TRUCE_TRUST_FORWARDED_PROTO"),
        bool(env, "TRUCE_COOKIE_SECURE"));
  }

  public WebSettings withTrustForwardedProto(boolean trust) {
    return new WebSettings(sessionLifetime, trust, secureCookies);
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
