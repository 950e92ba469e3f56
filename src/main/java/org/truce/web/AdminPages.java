package org.truce.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.truce.access.Account;
import org.truce.access.AccessConflict;
import org.truce.access.Role;
import org.truce.access.Sessions;
import org.truce.access.Token;
import org.truce.access.Tokens;
import org.truce.access.Users;

/**
 * Users and their tokens, for admins: the same services as /api/v1/users, so every change is checked and audited
 * alike (the last enabled admin cannot be disabled, names are unique, at most 100 live tokens). A new token is
 * shown once, on the page that answers its creation, and never again.
 */
final class AdminPages {

  private final Web web;

  AdminPages(Web web) {
    this.web = web;
  }

  void register(RoutesConfig routes) {
    routes.get("/admin/users", this::list);
    routes.post("/admin/users", this::create);
    routes.get("/admin/users/{id}", this::show);
    routes.post("/admin/users/{id}/roles", ctx -> change(ctx, "roles"));
    routes.post("/admin/users/{id}/disable", ctx -> change(ctx, "disable"));
    routes.post("/admin/users/{id}/enable", ctx -> change(ctx, "enable"));
    routes.post("/admin/users/{id}/password", ctx -> change(ctx, "password"));
    routes.post("/admin/users/{id}/unlock", ctx -> change(ctx, "unlock"));
    routes.post("/admin/users/{id}/tokens", ctx -> change(ctx, "token"));
    routes.post("/admin/users/{id}/tokens/{tokenId}/revoke", ctx -> change(ctx, "revoke"));
  }

  private Sessions.Live admin(Context ctx) {
    Sessions.Live s = web.session(ctx);
    web.requireRole(s.user(), Role.ADMIN);
    return s;
  }

  private void list(Context ctx) {
    Sessions.Live s = admin(ctx);
    renderList(ctx, s, 200, null, null, null);
  }

  private void renderList(Context ctx, Sessions.Live s, int status, String error, Users.Created created, String typedName) {
    org.truce.access.UserAdmin.Page page;
    try {
      page = web.app.userAdmin.list(100, ctx.queryParam("cursor"));
    } catch (IllegalArgumentException e) {
      page = web.app.userAdmin.list(100, null);
    }
    web.render(ctx, status, "admin-users.jte", s, new AdminUsersPage(page.items(), page.next(), web.app.parties.sourceCodes(),
        Role.codes(), error, created, typedName, web.app.clock.instant()));
  }

  private void create(Context ctx) {
    Sessions.Live s = admin(ctx);
    web.requireForm(ctx, s);
    View v = web.view(ctx, s);
    String name = ctx.formParam("name");
    try {
      Users.Created c = web.app.users.addUser(Web.actor(s.user()), name == null ? "" : name.trim(), ctx.formParam("party"),
          roles(ctx), web.app.parties);
      renderList(ctx, s, 201, null, c, null);
    } catch (IllegalArgumentException | AccessConflict e) {
      renderList(ctx, s, e instanceof AccessConflict ? 409 : 422, v.t("admin.notDone", e.getMessage()), null, name);
    }
  }

  private void show(Context ctx) {
    Sessions.Live s = admin(ctx);
    renderUser(ctx, s, id(ctx), 200, done(ctx.queryParam("done")), null, null);
  }

  private static String done(String d) {
    return d != null && d.matches("roles|disable|enable|password|unlock|revoke") ? "admin.done." + d : null;
  }

  private void renderUser(Context ctx, Sessions.Live s, UUID id, int status, String doneKey, String error, Tokens.Issued issued) {
    Account a = web.app.userAdmin.get(id).orElseThrow(PageException::notFound);
    List<Token> tokens = web.app.tokens.list(id);
    web.render(ctx, status, "admin-user.jte", s, new AdminUserPage(a, tokens, Role.codes(), doneKey, error, issued,
        a.lockedAt(web.app.clock.instant())));
  }

  private void change(Context ctx, String what) {
    Sessions.Live s = admin(ctx);
    web.requireForm(ctx, s);
    UUID id = id(ctx);
    View v = web.view(ctx, s);
    var actor = Web.actor(s.user());
    try {
      boolean found = switch (what) {
        case "roles" -> web.app.userAdmin.changeRoles(actor, id, roles(ctx)).isPresent();
        case "disable" -> web.app.userAdmin.disable(actor, id).isPresent();
        case "enable" -> web.app.userAdmin.enable(actor, id).isPresent();
        case "password" -> web.app.logins.setPassword(actor, "admin", id, ctx.formParam("password"));
        case "unlock" -> web.app.logins.unlock(actor, id);
        case "revoke" -> web.app.tokens.revoke(actor, id, tokenId(ctx)) != Tokens.Revocation.NOT_FOUND;
        case "token" -> {
          var issued = web.app.tokens.issue(actor, id, ctx.formParam("label"));
          if (issued.isPresent()) {
            renderUser(ctx, s, id, 201, null, null, issued.get());
            yield true;
          }
          yield false;
        }
        default -> false;
      };
      if (!found) {
        throw PageException.notFound();
      }
      if (!what.equals("token")) {
        Pages.redirect(ctx, "/admin/users/" + id + "?done=" + what);
      }
    } catch (IllegalArgumentException | AccessConflict e) {
      renderUser(ctx, s, id, e instanceof AccessConflict ? 409 : 422, null, v.t("admin.notDone", e.getMessage()), null);
    }
  }

  private static Set<Role> roles(Context ctx) {
    Set<Role> out = EnumSet.noneOf(Role.class);
    for (String r : ctx.formParams("roles")) {
      Role role = Role.fromCode(r);
      if (role == null) {
        throw new IllegalArgumentException("unknown role '" + r + "'; allowed: " + String.join(", ", Role.codes()));
      }
      out.add(role);
    }
    return out;
  }

  private static UUID id(Context ctx) {
    try {
      return UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw PageException.notFound();
    }
  }

  private static UUID tokenId(Context ctx) {
    try {
      return UUID.fromString(ctx.pathParam("tokenId"));
    } catch (IllegalArgumentException e) {
      throw PageException.notFound();
    }
  }
}
