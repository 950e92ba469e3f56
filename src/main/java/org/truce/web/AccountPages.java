package org.truce.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.truce.access.Logins;
import org.truce.access.Role;
import org.truce.access.Sessions;

/** The account page: who one is, one's password, and one's own API tokens. */
final class AccountPages {

  private final Web web;

  AccountPages(Web web) {
    this.web = web;
  }

  void register(RoutesConfig routes) {
    routes.get("/account", this::account);
    routes.post("/account/password", this::changePassword);
  }

  private void account(Context ctx) {
    Sessions.Live s = web.session(ctx);
    String message = "password".equals(ctx.queryParam("done")) ? "account.password.changed" : null;
    web.render(ctx, 200, "account.jte", s, page(s, message, null));
  }

  private void changePassword(Context ctx) {
    Sessions.Live s = web.session(ctx);
    web.requireForm(ctx, s);
    View v = web.view(ctx, s);
    try {
      Logins.Change c = web.app.logins.changeOwnPassword(s, ctx.formParam("current"), ctx.formParam("password"), ctx.ip());
      if (c == Logins.Change.CHANGED) {
        Pages.redirect(ctx, "/account?done=password");
      } else {
        web.render(ctx, 422, "account.jte", s, page(s, null, v.t("account.password.wrongCurrent")));
      }
    } catch (IllegalArgumentException e) {
      // the policy's own words name the rule broken (length); shown after the translated lead
      web.render(ctx, 422, "account.jte", s, page(s, null, v.t("account.password.invalid", e.getMessage())));
    } catch (Logins.RefusedException e) {
      ctx.header("Retry-After", Long.toString(Pages.seconds(e.retryAfter())));
      web.render(ctx, 429, "account.jte", s, page(s, null, v.t("account.password.tooMany", Pages.howLong(v, e.retryAfter()))));
    }
  }

  private AccountPage page(Sessions.Live s, String messageKey, String error) {
    List<String> roles = s.user().roles().stream().map(Role::code).sorted().toList();
    return new AccountPage(s.user().name(), s.user().party(), roles,
        OffsetDateTime.ofInstant(s.expiresAt(), ZoneOffset.UTC), messageKey, error);
  }
}
