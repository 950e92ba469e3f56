package org.truce.web;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.truce.App;
import org.truce.access.Sessions;
import org.truce.access.User;
import org.truce.http.ApiException;

/**
 * The session cookie and CSRF rules shared by the web pages and the API.
 *
 * <p>Cookies are {@code HttpOnly; SameSite=Strict; Path=/}, and {@code Secure} when the request came over TLS
 * (the connection's scheme, or {@code X-Forwarded-Proto: https} when TRUCE_TRUST_FORWARDED_PROTO is set) or when
 * TRUCE_COOKIE_SECURE forces it. Secure cookies carry the {@code __Host-} prefix, which browsers accept only from
 * this host over TLS for path /, so a neighbouring subdomain cannot plant one.
 */
public final class WebAuth {

  static final String SESSION = "truce-session";
  static final String LOGIN = "truce-login";
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private final App app;

  public WebAuth(App app) {
    this.app = app;
  }

  /** Whether the request came over TLS, as far as this server may believe. */
  public boolean secure(Context ctx) {
    if (app.settings.web().secureCookies() || "https".equalsIgnoreCase(ctx.scheme())) {
      return true;
    }
    String fwd = ctx.header("X-Forwarded-Proto");
    if (!app.settings.web().trustForwardedProto() || fwd == null) {
      return false;
    }
    // proxies in a chain append their own: the last one is the proxy in front of this server
    String[] hops = fwd.split(",");
    return "https".equals(hops[hops.length - 1].trim().toLowerCase(Locale.ROOT));
  }

  String name(Context ctx, String base) {
    return secure(ctx) ? "__Host-" + base : base;
  }

  String read(Context ctx, String base) {
    return ctx.cookie(name(ctx, base));
  }

  void set(Context ctx, String base, String value, Duration maxAge) {
    ctx.res().addHeader("Set-Cookie", name(ctx, base) + "=" + value + "; Path=/; Max-Age=" + maxAge.toSeconds()
        + "; HttpOnly; SameSite=Strict" + (secure(ctx) ? "; Secure" : ""));
  }

  void clear(Context ctx, String base) {
    set(ctx, base, "", Duration.ZERO);
  }

  /** The live session the request's cookie names, if any. */
  public Optional<Sessions.Live> session(Context ctx) {
    String v = read(ctx, SESSION);
    return v == null || v.isEmpty() ? Optional.empty() : app.sessions.find(v);
  }

  /** Whether the request carries a session cookie at all (live or not). */
  public boolean hasSessionCookie(Context ctx) {
    String v = read(ctx, SESSION);
    return v != null && !v.isEmpty();
  }

  /**
   * The user of an /api request authenticated by its session cookie: 401 when the session is unknown, ended or
   * expired; 403 when a request other than GET or HEAD lacks the session's token in {@value #CSRF_HEADER}.
   */
  public User apiUser(Context ctx) {
    Sessions.Live s = session(ctx).orElseThrow(WebAuth::sessionRequired);
    String method = ctx.req().getMethod();
    if (!method.equals("GET") && !method.equals("HEAD") && !Sessions.sameToken(s.csrfToken(), ctx.header(CSRF_HEADER))) {
      throw ApiException.forbidden("a request made with the session cookie must send the session's CSRF token in "
          + CSRF_HEADER + " (shown on the account page)");
    }
    return s.user();
  }

  private static ApiException sessionRequired() {
    return new ApiException(401, "Unauthorized",
        "The session has ended or expired: sign in again, or send 'Authorization: Bearer <token>'", List.of(), null);
  }
}
