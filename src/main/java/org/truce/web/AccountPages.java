package org.truce.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.truce.access.AccessConflict;
import org.truce.access.Logins;
import org.truce.access.Tokens;
import org.truce.access.Role;
import org.truce.access.Sessions;

/** The account page: who one is, one's password, and one's own API tokens (issued and revoked here too). */
final class AccountPages {

  private final Web web;

  AccountPages(Web web) {
    this.web = web;
  }

  void register(RoutesConfig routes) {
    routes.get("/account", this::account);
    routes.post("/account/password", this::changePassword);
    routes.post("/account/tokens", this::issueToken);
    routes.post("/account/tokens/{tokenId}/revoke", this::revokeToken);
  }

  private void issueToken(Context ctx) {
    Sessions.Live s = web.session(ctx);
    web.requireForm(ctx, s);
    View v = web.view(ctx, s);
    try {
      Tokens.Issued issued = web.app.tokens.issue(Web.actor(s.user()), s.user().id(), ctx.formParam("label")).orElseThrow();
      web.render(ctx, 201, "account.jte", s, page(s, null, null, issued, null));
    } catch (IllegalArgumentException | AccessConflict e) {
      web.render(ctx, e instanceof AccessConflict ? 409 : 422, "account.jte", s,
          page(s, null, null, null, v.t("admin.notDone", e.getMessage())));
    }
  }

  private void revokeToken(Context ctx) {
    Sessions.Live s = web.session(ctx);
    web.requireForm(ctx, s);
    UUID tokenId;
    try {
      tokenId = UUID.fromString(ctx.pathParam("tokenId"));
    } catch (IllegalArgumentException e) {
      throw PageException.notFound();
    }
    // only one's own: another user's token is not found, as on the API
    if (web.app.tokens.revoke(Web.actor(s.user()), s.user().id(), tokenId) == Tokens.Revocation.NOT_FOUND) {
      throw PageException.notFound();
    }
    Pages.redirect(ctx, "/account?done=revoked");
  }

  private void account(Context ctx) {
    Sessions.Live s = web.session(ctx);
    String done = ctx.queryParam("done");
    String message = "password".equals(done) ? "account.password.changed" : "revoked".equals(done) ? "token.revoked" : null;
    web.render(ctx, 200, "account.jte", s, page(s, message, null, null, null));
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
        web.render(ctx, 422, "account.jte", s, page(s, null, v.t("account.password.wrongCurrent"), null, null));
      }
    } catch (IllegalArgumentException e) {
      // the policy's own words name the rule broken (length); shown after the translated lead
      web.render(ctx, 422, "account.jte", s, page(s, null, v.t("account.password.invalid", e.getMessage()), null, null));
    } catch (Logins.RefusedException e) {
      ctx.header("Retry-After", Long.toString(Pages.seconds(e.retryAfter())));
      web.render(ctx, 429, "account.jte", s, page(s, null, v.t("account.password.tooMany", Pages.howLong(v, e.retryAfter())), null, null));
    }
  }

  private AccountPage page(Sessions.Live s, String messageKey, String error, Tokens.Issued issued, String tokenError) {
    List<String> roles = s.user().roles().stream().map(Role::code).sorted().toList();
    return new AccountPage(s.user().name(), s.user().party(), roles,
        OffsetDateTime.ofInstant(s.expiresAt(), ZoneOffset.UTC), messageKey, error, web.app.tokens.list(s.user().id()),
        issued, tokenError);
  }
}
