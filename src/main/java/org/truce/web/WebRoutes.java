package org.truce.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.stream.Collectors;
import org.truce.App;
import org.truce.access.Logins;
import org.truce.access.Role;
import org.truce.access.Sessions;
import org.truce.parties.Party;

/**
 * The web pages: sign-in, sign-out and the account page with its change-password form. Every form that changes
 * something carries a CSRF token: the sign-in form the value of a pre-session cookie (double submit: a page of
 * another site can neither read the cookie nor make the browser send it, SameSite=Strict), the others the
 * session's own token. A missing or wrong token is answered 403 and changes nothing.
 *
 * <pre>
 * # a browser does this; with curl:
 * curl -c jar -b jar http://localhost:8080/login | grep csrf          # the form and its token
 * curl -c jar -b jar -d csrf=TOKEN -d username=alice -d password='…' http://localhost:8080/login   # 303 to /
 * </pre>
 */
public final class WebRoutes {

  /** Forms are small; anything larger is refused before it is read. */
  static final int MAX_FORM_BYTES = 16 * 1024;
  /** How long the sign-in form's token stays valid: reload the page after that. */
  static final Duration LOGIN_FORM_LIFETIME = Duration.ofHours(2);

  static final String FAILED = "The user name or password is not correct.";

  private final App app;
  private final WebAuth auth;

  public WebRoutes(App app, WebAuth auth) {
    this.app = app;
    this.auth = auth;
  }

  public void register(RoutesConfig routes) {
    routes.get("/assets/truce.css", ctx -> ctx.contentType("text/css; charset=utf-8")
        .header("Cache-Control", "max-age=3600").result(Pages.CSS));
    routes.get("/login", this::loginForm);
    routes.post("/login", this::login);
    routes.post("/logout", this::logout);
    routes.get("/", this::account);
    routes.post("/account/password", this::changePassword);
    routes.exception(PageException.class, (e, ctx) -> Pages.error(ctx, e));
  }

  private void loginForm(Context ctx) {
    if (auth.session(ctx).isPresent()) {
      Pages.redirect(ctx, "/");
      return;
    }
    Pages.render(ctx, 200, "login.jte", new LoginPage(loginToken(ctx), null, null));
  }

  /** The sign-in form's token: the pre-session cookie's value, renewed with each form shown. */
  private String loginToken(Context ctx) {
    String token = auth.read(ctx, WebAuth.LOGIN);
    if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
      token = app.sessions.randomToken();
    }
    auth.set(ctx, WebAuth.LOGIN, token, LOGIN_FORM_LIFETIME);
    return token;
  }

  private void login(Context ctx) {
    requireSmallForm(ctx);
    String expected = auth.read(ctx, WebAuth.LOGIN);
    if (!Sessions.sameToken(expected, ctx.formParam("csrf"))) {
      throw PageException.forbidden("The sign-in form has expired or did not come from this site. "
          + "Open the sign-in page again.");
    }
    String name = ctx.formParam("username");
    Logins.Outcome o = app.logins.signIn(name, ctx.formParam("password"), ctx.ip());
    if (o instanceof Logins.SignedIn in) {
      auth.session(ctx).ifPresent(old -> app.sessions.end(old, "signed in again"));
      auth.set(ctx, WebAuth.SESSION, in.session().cookieValue(), app.sessions.lifetime());
      auth.clear(ctx, WebAuth.LOGIN);
      Pages.redirect(ctx, "/");
    } else if (o instanceof Logins.Refused r) {
      ctx.header("Retry-After", Long.toString(Pages.seconds(r.retryAfter())));
      Pages.render(ctx, 429, "login.jte", new LoginPage(expected, name,
          "Too many failed sign-ins with this name. Try again in " + Pages.howLong(r.retryAfter()) + "."));
    } else {
      Pages.render(ctx, 401, "login.jte", new LoginPage(expected, name, FAILED));
    }
  }

  private void logout(Context ctx) {
    requireSmallForm(ctx);
    var session = auth.session(ctx);
    if (session.isPresent()) {
      if (!Sessions.sameToken(session.get().csrfToken(), ctx.formParam("csrf"))) {
        throw PageException.forbidden("This sign-out did not come from a page of this site; you are still signed in.");
      }
      app.sessions.end(session.get(), "logout");
    }
    auth.clear(ctx, WebAuth.SESSION);
    Pages.redirect(ctx, "/login");
  }

  private void account(Context ctx) {
    var session = auth.session(ctx);
    if (session.isEmpty()) {
      Pages.redirect(ctx, "/login");
      return;
    }
    String message = "password".equals(ctx.queryParam("done"))
        ? "Your password was changed. Your other sessions have been ended." : null;
    Pages.render(ctx, 200, "account.jte", page(session.get(), message, null));
  }

  private void changePassword(Context ctx) {
    requireSmallForm(ctx);
    var session = auth.session(ctx);
    if (session.isEmpty()) {
      Pages.redirect(ctx, "/login");
      return;
    }
    Sessions.Live s = session.get();
    if (!Sessions.sameToken(s.csrfToken(), ctx.formParam("csrf"))) {
      throw PageException.forbidden("This form did not come from a page of this site; nothing was changed.");
    }
    try {
      Logins.Change c = app.logins.changeOwnPassword(s, ctx.formParam("current"), ctx.formParam("password"), ctx.ip());
      if (c == Logins.Change.CHANGED) {
        Pages.redirect(ctx, "/?done=password");
      } else {
        Pages.render(ctx, 422, "account.jte", page(s, null, "The current password is not correct; nothing was changed."));
      }
    } catch (IllegalArgumentException e) {
      Pages.render(ctx, 422, "account.jte", page(s, null, "The new password " + e.getMessage() + "."));
    } catch (Logins.RefusedException e) {
      ctx.header("Retry-After", Long.toString(Pages.seconds(e.retryAfter())));
      Pages.render(ctx, 429, "account.jte", page(s, null,
          "Too many wrong passwords. Try again in " + Pages.howLong(e.retryAfter()) + "."));
    }
  }

  private AccountPage page(Sessions.Live s, String message, String error) {
    Party p = app.parties.get(s.user().party());
    String roles = s.user().roles().stream().map(Role::code).sorted().collect(Collectors.joining(", "));
    return new AccountPage(s.user().name(), s.user().party(), p == null ? s.user().party() : p.name(), roles,
        s.expiresAt().toString(), s.csrfToken(), message, error);
  }

  private static void requireSmallForm(Context ctx) {
    if (ctx.contentLength() > MAX_FORM_BYTES) {
      throw new PageException(413, "Too large", "A form may be at most " + MAX_FORM_BYTES + " bytes.", null);
    }
  }
}
