package org.truce.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.truce.App;
import org.truce.access.Logins;
import org.truce.access.Sessions;

/**
 * The web pages: sign-in and sign-out here, and the pages of each part of the interface registered from their
 * own classes. Every form that changes something carries a CSRF token: the sign-in form the value of a
 * pre-session cookie (double submit: a page of another site can neither read the cookie nor make the browser send
 * it, SameSite=Strict), the others the session's own token. A missing or wrong token is answered 403 and changes
 * nothing. Static files (Leaflet, our scripts and style sheet) come from the jar under /assets/.
 *
 * <pre>
 * # a browser does this; with curl:
 * curl -c jar -b jar http://localhost:8080/login | grep csrf          # the form and its token
 * curl -c jar -b jar -d csrf=TOKEN -d username=alice -d password='…' http://localhost:8080/login   # 303 to /
 * </pre>
 */
public final class WebRoutes {

  /** How long the sign-in form's token stays valid: reload the page after that. */
  static final Duration LOGIN_FORM_LIFETIME = Duration.ofHours(2);

  private final App app;
  private final WebAuth auth;
  private final Web web;

  public WebRoutes(App app, WebAuth auth) {
    this.app = app;
    this.auth = auth;
    this.web = new Web(app, auth);
  }

  public void register(RoutesConfig routes) {
    routes.get("/assets/<name>", ctx -> web.assets.serve(ctx, ctx.pathParam("name")));
    // the zones the mechanism monitors, drawn once from the shipped outlines: public, like the zones themselves
    routes.get("/zones-map.png", ctx -> ctx.contentType("image/png").header("Cache-Control", "public, max-age=3600")
        .header("X-Content-Type-Options", "nosniff").result(zonesMap()));
    routes.get("/favicon.ico", ctx -> ctx.status(204).header("Cache-Control", "public, max-age=86400"));
    routes.get("/login", this::loginForm);
    routes.post("/login", this::login);
    routes.post("/logout", this::logout);
    new DashboardPages(web).register(routes);
    new AccountPages(web).register(routes);
    new IncidentPages(web).register(routes);
    new ReportPages(web).register(routes);
    new AdminPages(web).register(routes);
    new BulletinPages(web).register(routes);
    routes.exception(PageException.class, (e, ctx) -> error(ctx, e));
    // signed out, the site's address itself shows the sign-in form (a link to Truce opens on it, no redirect);
    // any other page sends the reader to sign in and back
    routes.exception(Web.SignInRequired.class, (e, ctx) -> {
      if (e.next.equals("/")) {
        Pages.render(ctx, 200, "login.jte", web.view(ctx, null), new LoginPage(loginToken(ctx), null, null, null));
      } else {
        Pages.redirect(ctx, "/login?next=" + URLEncoder.encode(e.next, StandardCharsets.UTF_8));
      }
    });
  }

  private volatile byte[] zonesMap;

  private byte[] zonesMap() {
    byte[] png = zonesMap;
    if (png == null) {
      png = org.truce.bulletins.Figures.zonesMap(app.zones.zones());
      zonesMap = png;
    }
    return png;
  }

  private void error(Context ctx, PageException e) {
    if (e.retryAfter != null) {
      ctx.header("Retry-After", Long.toString(Pages.seconds(e.retryAfter)));
    }
    View v = web.view(ctx, auth.session(ctx).orElse(null));
    Pages.render(ctx, e.status, "error.jte", v, new ErrorPage(e.status, v.t(e.titleKey), v.t(e.messageKey, e.args)));
  }

  private void loginForm(Context ctx) {
    if (auth.session(ctx).isPresent()) {
      Pages.redirect(ctx, Web.localPath(ctx.queryParam("next")));
      return;
    }
    Pages.render(ctx, 200, "login.jte", web.view(ctx, null), new LoginPage(loginToken(ctx), null, null, next(ctx.queryParam("next"))));
  }

  private static String next(String next) {
    String local = Web.localPath(next);
    return local.equals("/") ? null : local;
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
    Web.requireSmallForm(ctx);
    String expected = auth.read(ctx, WebAuth.LOGIN);
    if (!Sessions.sameToken(expected, ctx.formParam("csrf"))) {
      throw PageException.forbidden("error.csrf.login");
    }
    String name = ctx.formParam("username");
    String next = next(ctx.formParam("next"));
    Logins.Outcome o = app.logins.signIn(name, ctx.formParam("password"), ctx.ip());
    View v = web.view(ctx, null);
    if (o instanceof Logins.SignedIn in) {
      auth.session(ctx).ifPresent(old -> app.sessions.end(old, "signed in again"));
      auth.set(ctx, WebAuth.SESSION, in.session().cookieValue(), app.sessions.lifetime());
      auth.clear(ctx, WebAuth.LOGIN);
      Pages.redirect(ctx, next == null ? "/" : next);
    } else if (o instanceof Logins.Refused r) {
      ctx.header("Retry-After", Long.toString(Pages.seconds(r.retryAfter())));
      Pages.render(ctx, 429, "login.jte", v, new LoginPage(expected, name,
          v.t("login.tooMany", Pages.howLong(v, r.retryAfter())), next));
    } else {
      Pages.render(ctx, 401, "login.jte", v, new LoginPage(expected, name, v.t("login.failed"), next));
    }
  }

  private void logout(Context ctx) {
    Web.requireSmallForm(ctx);
    var session = auth.session(ctx);
    if (session.isPresent()) {
      if (!Sessions.sameToken(session.get().csrfToken(), ctx.formParam("csrf"))) {
        throw PageException.forbidden("error.csrf.logout");
      }
      app.sessions.end(session.get(), "logout");
    }
    auth.clear(ctx, WebAuth.SESSION);
    Pages.redirect(ctx, "/login");
  }
}
