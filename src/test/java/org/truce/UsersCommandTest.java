package org.truce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.truce.access.Token;
import org.truce.config.Settings;
import org.truce.support.Cli;
import org.truce.support.Cli.Run;
import org.truce.support.TestDatabase;

/** `truce users ...`: what each command prints, its exit code, and that what it changed works and is audited. */
@Tag("db")
class UsersCommandTest {

  private static final Pattern TOKEN = Pattern.compile("token \\(shown once, keep it secret\\): (truce_\\S+)");

  String url;

  @BeforeEach
  void database() {
    url = TestDatabase.freshUrl();
  }

  /** One command line against this test's database, capturing what it prints. */
  private Run truce(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--db");
    all.add(url);
    return Cli.run(all.toArray(String[]::new));
  }

  private static String token(Run r) {
    Matcher m = TOKEN.matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    return m.group(1);
  }

  /** The app over this test's database, for a look at what the commands did (H2: after they closed it). */
  private App app() {
    return App.open(Settings.fromEnvironment(Map.of()).withDbUrl(url), Clock.systemUTC());
  }

  private boolean works(String token) {
    try (App app = app()) {
      return app.users.authenticate(token).isPresent();
    }
  }

  private void addUsers() {
    assertThat(truce("users", "add", "--name", "root", "--party", "SEC", "--roles", "admin").code()).isZero();
    assertThat(truce("users", "add", "--name", "opp-1", "--party", "SY-OPP", "--roles", "reporter").code()).isZero();
  }

  @Test
  void listShowsEveryUserWithPartyRolesAndStatus() {
    addUsers();
    Run r = truce("users", "list");
    assertThat(r.code()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("NAME").contains("PARTY", "ROLES", "STATUS", "CREATED", "ID");
    assertThat(lines.get(1)).startsWith("opp-1").contains("SY-OPP", "reporter", "enabled");
    assertThat(lines.get(2)).startsWith("root").contains("SEC", "admin", "enabled");
    assertThat(r.out()).doesNotContain("truce_");

    Run show = truce("users", "show", "--name", "opp-1");
    assertThat(show.code()).isZero();
    assertThat(show.out()).contains("name:     opp-1").contains("party:    SY-OPP").contains("roles:    reporter")
        .contains("status:   enabled").contains("tokens:   1 active, 0 revoked");
  }

  @Test
  void rolesAreReplacedAndBadNamesOrRolesExitTwo() {
    addUsers();
    Run r = truce("users", "roles", "--name", "opp-1", "--roles", "reporter,observer");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("roles of opp-1: reporter -> observer,reporter");
    assertThat(truce("users", "roles", "--name", "opp-1", "--roles", "observer,reporter").out()).contains("unchanged");

    Run badRole = truce("users", "roles", "--name", "opp-1", "--roles", "reporter,general");
    assertThat(badRole.code()).isEqualTo(2);
    assertThat(badRole.err()).contains("unknown role 'general'").contains("allowed: reporter, reviewer, coordinator, observer, wg-member, admin");
    Run badUser = truce("users", "roles", "--name", "nobody", "--roles", "reporter");
    assertThat(badUser.code()).isEqualTo(2);
    assertThat(badUser.err()).contains("unknown user 'nobody'");
    assertThat(truce("users", "show", "--name", "nobody").code()).isEqualTo(2);
    assertThat(truce("users", "show").code()).as("a missing option is a usage error").isEqualTo(2);
  }

  @Test
  void aTokenIsPrintedOnceListedWithoutSecretAndRevoked() {
    addUsers();
    Run created = truce("users", "token", "create", "--name", "opp-1", "--label", "bulk upload");
    assertThat(created.code()).isZero();
    String secret = token(created);
    assertThat(works(secret)).isTrue();

    Run list = truce("users", "token", "list", "--name", "opp-1");
    assertThat(list.code()).isZero();
    assertThat(list.out()).contains("bulk upload").contains("initial").doesNotContain(secret).doesNotContain("truce_");
    String id;
    try (App app = app()) {
      UUID user = app.userAdmin.byName("opp-1").orElseThrow().user().id();
      id = app.tokens.list(user).stream().filter(t -> t.label().equals("bulk upload")).map(Token::id).findFirst()
          .orElseThrow().toString();
    }
    assertThat(list.out()).contains(id);
    assertThat(created.out()).contains("created token " + id);

    Run revoked = truce("users", "token", "revoke", "--name", "opp-1", "--id", id);
    assertThat(revoked.code()).isZero();
    assertThat(revoked.out()).contains("revoked token " + id);
    assertThat(works(secret)).isFalse();
    Run again = truce("users", "token", "revoke", "--name", "opp-1", "--id", id);
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("already revoked");

    Run otherUser = truce("users", "token", "revoke", "--name", "root", "--id", id);
    assertThat(otherUser.code()).isEqualTo(2);
    assertThat(otherUser.err()).contains("user root has no token " + id);
    assertThat(truce("users", "token", "revoke", "--name", "opp-1", "--id", "12345").err()).contains("is not a token id");
    Run badLabel = truce("users", "token", "create", "--name", "opp-1", "--label", " ");
    assertThat(badLabel.code()).isEqualTo(2);
    assertThat(badLabel.err()).contains("label is required");
    assertThat(truce("users", "show", "--name", "opp-1").out()).contains("tokens:   1 active, 1 revoked");
  }

  @Test
  void disablingStopsTheTokensButNeverTheLastAdmin() {
    addUsers();
    Run add = truce("users", "add", "--name", "gov-1", "--party", "SY-GOV", "--roles", "reporter");
    String secret = token(add);

    Run last = truce("users", "disable", "--name", "root");
    assertThat(last.code()).isEqualTo(2);
    assertThat(last.err()).contains("'root' is the last enabled admin");
    Run demote = truce("users", "roles", "--name", "root", "--roles", "coordinator");
    assertThat(demote.code()).isEqualTo(2);
    assertThat(demote.err()).contains("last enabled admin");

    Run d = truce("users", "disable", "--name", "gov-1");
    assertThat(d.code()).isZero();
    assertThat(d.out()).contains("disabled user gov-1");
    assertThat(works(secret)).isFalse();
    assertThat(truce("users", "disable", "--name", "gov-1").out()).contains("already disabled");
    assertThat(truce("users", "list").out().lines().filter(l -> l.startsWith("gov-1")).findFirst().orElseThrow())
        .contains("disabled");

    Run e = truce("users", "enable", "--name", "gov-1");
    assertThat(e.code()).isZero();
    assertThat(works(secret)).isTrue();
    assertThat(truce("users", "enable", "--name", "gov-1").out()).contains("is not disabled");
  }

  @Test
  void everyChangeIsAuditedAsTheSystemAndTheChainVerifies() {
    addUsers();
    truce("users", "roles", "--name", "opp-1", "--roles", "reporter,observer");
    truce("users", "disable", "--name", "opp-1");
    truce("users", "enable", "--name", "opp-1");
    Run created = truce("users", "token", "create", "--name", "opp-1", "--label", "audited");
    String secret = token(created);
    String id;
    try (App app = app()) {
      id = app.tokens.list(app.userAdmin.byName("opp-1").orElseThrow().user().id()).get(0).id().toString();
    }
    truce("users", "token", "revoke", "--name", "opp-1", "--id", id);
    try (App app = app()) {
      List<Map<String, Object>> rows = app.db.jdbi().withHandle(h -> h.createQuery(
          "select action, user_id, change from audit_log where action like 'user.%' or action like 'token.%' order by seq").mapToMap().list());
      assertThat(rows).extracting(m -> m.get("action")).containsExactly("user.create", "token.create", "user.create",
          "token.create", "user.roles", "user.disable", "user.enable", "token.create", "token.revoke");
      assertThat(rows).allSatisfy(m -> assertThat(m.get("user_id")).as("the system acted").isNull());
      assertThat(rows.get(4).get("change").toString()).contains("\"before\":\"reporter\"").contains("\"after\":\"observer,reporter\"");
      assertThat(rows.toString()).doesNotContain(secret);
    }
    Run verify = truce("audit", "verify");
    assertThat(verify.code()).isZero();
    int entries = countEntries();
    assertThat(verify.out()).startsWith("audit log intact: " + entries + " entries");
  }

  /** Entries in the log (the shipped parties and zones are appended on first start too). */
  private int countEntries() {
    try (App app = app()) {
      return app.db.jdbi().withHandle(h -> h.createQuery("select count(*) from audit_log").mapTo(Integer.class).one());
    }
  }
}
