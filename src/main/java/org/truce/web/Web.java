package org.truce.web;

import io.javalin.http.Context;
import java.time.Duration;
import org.truce.App;
import org.truce.access.Access;
import org.truce.access.Role;
import org.truce.access.Sessions;
import org.truce.access.User;
import org.truce.audit.AuditLog;

/**
 * What every page handler needs: the reader's language, the session (or a redirect to sign-in), the CSRF check of
 * forms, the role checks, and rendering with the layout. Pages of other features (bulletins) use it the same way:
 * {@code Sessions.Live s = web.session(ctx); web.render(ctx, 200, "bulletins.jte", s, page)}.
 */
public final class Web {

  static final String LANG = "truce-lang";
  /**
   * Forms are small; anything larger is refused before it is read. The bound leaves room for the longest texts
   * the forms take in any script: 10,000 Arabic characters are 60,000 bytes once percent-encoded (%D8%A7 each).
   */
  static final int MAX_FORM_BYTES = 128 * 1024;

  final App app;
  final WebAuth auth;
  final Messages messages = Messages.shipped();
  final Assets assets = new Assets();

  public Web(App app, WebAuth auth) {
    this.app = app;
    this.auth = auth;
  }

  /**
   * The reader's language: {@code ?lang=} (then kept in a cookie for a year), else the cookie, else the
   * browser's Accept-Language, else English.
   */
  public Lang lang(Context ctx) {
    Lang asked = Lang.of(ctx.queryParam("lang"));
    if (asked != null) {
      if (!asked.code().equals(auth.read(ctx, LANG))) {
        auth.set(ctx, LANG, asked.code(), Duration.ofDays(365));
      }
      return asked;
    }
    Lang kept = Lang.of(auth.read(ctx, LANG));
    return kept != null ? kept : Lang.fromAcceptLanguage(ctx.header("Accept-Language"));
  }

  /** The page context for the reader of this request (s may be null: signed out). */
  public View view(Context ctx, Sessions.Live s) {
    return new View(lang(ctx), messages, s == null ? null : s.user(), s == null ? null : s.csrfToken(), ctx.path(),
        ctx.queryString(), app.parties, assets, app.settings.web());
  }

  /** The live session, or a redirect to the sign-in page that comes back here afterwards. */
  public Sessions.Live session(Context ctx) {
    return auth.session(ctx).orElseThrow(() -> new SignInRequired(ctx.path()
        + (ctx.queryString() == null ? "" : "?" + ctx.queryString())));
  }

  /** 403 unless the user has one of the roles. */
  public void requireRole(User u, Role... roles) {
    if (!u.hasAny(roles)) {
      throw PageException.forbidden("error.forbidden.role");
    }
  }

  /** 403 unless the user reviews for a guarantor. */
  public void requireGuarantorReviewer(User u) {
    if (!u.has(Role.REVIEWER) || !Access.isGuarantor(u, app.parties)) {
      throw PageException.forbidden("error.forbidden.reviewer");
    }
  }

  /** A form that changes something: small, and carrying the session's CSRF token (else 403, nothing done). */
  public void requireForm(Context ctx, Sessions.Live s) {
    requireSmallForm(ctx);
    if (!Sessions.sameToken(s.csrfToken(), ctx.formParam("csrf"))) {
      throw PageException.forbidden("error.csrf");
    }
  }

  static void requireSmallForm(Context ctx) {
    if (ctx.contentLength() > MAX_FORM_BYTES) {
      throw new PageException(413, "error.tooLarge", "error.tooLarge.message", null, MAX_FORM_BYTES);
    }
  }

  public void render(Context ctx, int status, String template, Sessions.Live s, Object page) {
    Pages.render(ctx, status, template, view(ctx, s), page);
  }

  /** The user as the audit log names it. */
  static AuditLog.Actor actor(User u) {
    return new AuditLog.Actor(u.id(), u.party());
  }

  /** A path of this site to go back to after signing in, or "/" for anything else. */
  static String localPath(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\") || next.length() > 2000
        || next.chars().anyMatch(c -> c < 0x20)) {
      return "/";
    }
    return next;
  }

  /** Thrown by {@link #session} without a session: answered with a redirect to the sign-in page. */
  static final class SignInRequired extends RuntimeException {
    final String next;

    SignInRequired(String next) {
      super("sign in required", null, false, false);
      this.next = next;
    }
  }
}
