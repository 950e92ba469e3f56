package org.truce.web;

import java.util.List;
import java.util.function.BiPredicate;
import org.truce.access.Access;
import org.truce.access.Role;
import org.truce.access.User;
import org.truce.parties.Parties;

/**
 * The links of the navigation bar, each shown to the users it is for. A feature with pages adds its entry here
 * (its label's key in every messages file).
 */
public final class Navigation {

  /** One link: its label's message key, its path, and who sees it. */
  public record Item(String key, String path, BiPredicate<User, Parties> shownTo) {}

  /** One link as a page shows it: label, path and whether it is the page shown. */
  public record Link(String label, String path, boolean current) {}

  static final List<Item> ITEMS = List.of(
      new Item("nav.dashboard", "/", (u, p) -> true),
      new Item("nav.report", "/reports/new", (u, p) -> u.hasAny(Role.REPORTER, Role.COORDINATOR, Role.ADMIN)),
      new Item("nav.review", "/review", (u, p) -> u.has(Role.REVIEWER) && Access.isGuarantor(u, p)),
      new Item("nav.bulletins", "/bulletins", (u, p) -> true),
      new Item("nav.users", "/admin/users", (u, p) -> u.has(Role.ADMIN)),
      new Item("nav.account", "/account", (u, p) -> true));

  private Navigation() {}

  /** The links this user sees on the page at path. */
  static List<Link> links(User u, Parties parties, Messages m, Lang lang, String path) {
    if (u == null) {
      return List.of();
    }
    return ITEMS.stream().filter(i -> i.shownTo().test(u, parties))
        .map(i -> new Link(m.get(lang, i.key()), i.path(), current(i.path(), path)))
        .toList();
  }

  private static boolean current(String item, String path) {
    return item.equals("/") ? path.equals("/") : path.equals(item) || path.startsWith(item + "/");
  }
}
