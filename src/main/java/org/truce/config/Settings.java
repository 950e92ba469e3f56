package org.truce.config;

import java.nio.file.Path;
import java.util.Map;

/** Settings of one Truce process, from command-line flags first, then TRUCE_* environment variables, then defaults. */
public record Settings(
    int port,
    String dbUrl,
    String dbUser,
    String dbPassword,
    Path dataDir,
    String adminToken,
    DedupSettings dedup,
    Limits limits,
    WebSettings web,
    BulletinSettings bulletins) {

  public static final int DEFAULT_PORT = 8080;

  /** Reads settings from the environment; flags override individual fields with the with* methods. */
  public static Settings fromEnvironment(Map<String, String> env) {
    Path data = Path.of(env.getOrDefault("TRUCE_DATA", "data")).toAbsolutePath();
    String url = env.get("TRUCE_DB_URL");
    if (url == null || url.isBlank()) {
      url = "jdbc:h2:file:" + data.resolve("truce");
    }
    return new Settings(
        intValue(env, "TRUCE_PORT", DEFAULT_PORT),
        url,
        env.get("TRUCE_DB_USER"),
        env.get("TRUCE_DB_PASSWORD"),
        data,
        emptyToNull(env.get("TRUCE_ADMIN_TOKEN")),
        DedupSettings.fromEnvironment(env),
        Limits.defaults(),
        WebSettings.fromEnvironment(env),
        BulletinSettings.fromEnvironment(env));
  }

  public Settings withPort(Integer newPort) {
    return newPort == null ? this : new Settings(newPort, dbUrl, dbUser, dbPassword, dataDir, adminToken, dedup, limits, web, bulletins);
  }

  public Settings withDbUrl(String url) {
    return url == null ? this : new Settings(port, url, dbUser, dbPassword, dataDir, adminToken, dedup, limits, web, bulletins);
  }

  public Settings withAdminToken(String token) {
    return new Settings(port, dbUrl, dbUser, dbPassword, dataDir, token, dedup, limits, web, bulletins);
  }

  public Settings withDedup(DedupSettings d) {
    return new Settings(port, dbUrl, dbUser, dbPassword, dataDir, adminToken, d, limits, web, bulletins);
  }

  public Settings withWeb(WebSettings w) {
    return new Settings(port, dbUrl, dbUser, dbPassword, dataDir, adminToken, dedup, limits, w, bulletins);
  }

  public Settings withBulletins(BulletinSettings b) {
    return new Settings(port, dbUrl, dbUser, dbPassword, dataDir, adminToken, dedup, limits, web, b);
  }

  static int intValue(Map<String, String> env, String key, int fallback) {
    String v = env.get(key);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
    }
  }

  static double doubleValue(Map<String, String> env, String key, double fallback) {
    String v = env.get(key);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a number, got '" + v + "'");
    }
  }

  private static String emptyToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
