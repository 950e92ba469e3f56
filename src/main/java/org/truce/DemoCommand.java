package org.truce;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.truce.access.Role;
import org.truce.access.Token;
import org.truce.access.User;
import org.truce.audit.AuditLog;
import org.truce.config.Settings;
import org.truce.http.HttpServer;
import org.truce.reports.ReportInput;
import org.truce.reports.ReportParser;
import org.truce.scenario.ScenarioGenerator;
import org.truce.verification.Verification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Starts the server with demo data: the shipped defaults and a generated 30-day scenario. */
@Command(name = "demo", description = "Run the server with a generated 30-day scenario and demo users of every kind.")
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--port", description = "TCP port (default 8080; also TRUCE_PORT)")
  Integer port;

  @Option(names = "--days", defaultValue = "30", description = "days of scenario to load (default 30)")
  int days;

  @Mixin
  Truce.DbOptionsMixin db;

  @Override
  public Integer call() throws InterruptedException {
    Settings s = db.settings().withPort(port);
    App app = App.open(s, Clock.systemUTC());
    app.users.bootstrapAdmin(s.adminToken(), app.parties);
    int stored = app.db.jdbi().withHandle(h -> h.createQuery("select count(*) from reports").mapTo(Integer.class).one());
    if (stored > 0) {
      System.out.println("The database already holds " + stored + " reports; the scenario is not loaded again.");
    } else {
      LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(days);
      System.out.println("Loading a " + days + "-day scenario from " + start + " (seed 7) ...");
      long t0 = System.nanoTime();
      long[] counts = load(app, new ScenarioGenerator(new ScenarioGenerator.Options(start, days, 7, 1.0, 1.0)).iterator());
      System.out.printf("Loaded %d reports (%d new) in %.1f s.%n", counts[0], counts[1], (System.nanoTime() - t0) / 1e9);
    }
    List<String[]> people = demoUsers(app);
    if (stored == 0) {
      int assessed = seedAssessments(app);
      System.out.println("The demo reviewers of IR, RU and TR assessed the " + assessed + " oldest incidents.");
      java.nio.file.Path keys = seedBulletins(app, s.dataDir().resolve("demo-keys"));
      System.out.println("Bulletin 1 is issued, signed by the three guarantors; bulletin 2 awaits RU's and TR's signatures.");
      System.out.println("The demo guarantors' signing keys are in " + keys + " (only ever for a demo): sign bulletin 2 in the"
          + " browser as demo-ru-reviewer at /bulletins, choosing " + keys.resolve("RU.key") + " as the key file.");
    }
    app.ingest.start();
    HttpServer server = HttpServer.start(app, s.port());
    String url = "http://localhost:" + server.port() + "/";
    System.out.println();
    System.out.println("Truce demo is running at " + url);
    System.out.println("Sign in at " + url + "login as any of these users with the password " + DEMO_PASSWORD + ",");
    System.out.println("or call the API with their tokens (new ones on every start; the previous ones are revoked):");
    for (String[] p : people) {
      System.out.printf("  %-18s %-7s %-12s %s%n", p[0], p[1], p[2], p[3]);
    }
    String admin = people.get(0)[3];
    System.out.println("Demo admin token: " + admin);
    System.out.println("Try: curl -H 'Authorization: Bearer " + admin + "' '" + url + "api/v1/incidents?zone=idlib&limit=5'");
    ServeCommand.awaitShutdown(server, app);
    return 0;
  }

  static long[] load(App app, Iterator<ScenarioGenerator.Generated> it) {
    long total = 0;
    long created = 0;
    List<ReportInput> batch = new ArrayList<>(2000);
    while (it.hasNext()) {
      ReportParser.Result r = app.parser.parse(it.next().report());
      if (!r.ok()) {
        throw new IllegalStateException("the scenario produced an invalid report: " + r.errors());
      }
      batch.add(r.report());
      if (batch.size() == 2000 || !it.hasNext()) {
        total += batch.size();
        created += app.ingest.store(batch, AuditLog.Actor.SYSTEM).stream().filter(o -> o.status() == 201).count();
        batch.clear();
      }
    }
    return new long[] {total, created};
  }

  /** The three demo reviewers assess the oldest incidents (mostly agreeing), so that findings of every kind show. */
  static int seedAssessments(App app) {
    List<java.util.UUID> oldest = app.db.jdbi().withHandle(h -> h.createQuery(
        "select id from incidents where merged_into is null order by created_at, id limit 40").mapTo(java.util.UUID.class).list());
    java.util.Random random = new java.util.Random(7);
    for (String name : List.of("demo-ir-reviewer", "demo-ru-reviewer", "demo-tr-reviewer")) {
      User reviewer = app.db.jdbi().withHandle(h -> app.users.byName(h, name)).orElseThrow();
      for (java.util.UUID id : oldest) {
        double r = random.nextDouble();
        if (r < 0.15) {
          continue; // not yet assessed by this guarantor
        }
        String a = r < 0.75 ? "confirmed" : r < 0.9 ? "not_confirmed" : "insufficient_information";
        app.verification.assessIncident(reviewer, id, new Verification.AssessmentInput(a,
            "Demo assessment: " + a.replace('_', ' ') + " after reviewing the reports.", List.of()));
      }
    }
    return oldest.size();
  }

  /**
   * Demo signing keys for the three guarantors (written to keyDir, registered by the demo reviewers), the
   * scenario's first day drafted and signed by all three (issued), and its second day drafted and signed by IR only.
   */
  static java.nio.file.Path seedBulletins(App app, java.nio.file.Path keyDir) {
    try {
      java.nio.file.Files.createDirectories(keyDir);
      java.time.Instant first = app.db.jdbi().withHandle(h -> h.createQuery("select min(t_start) from incidents")
          .mapTo(java.time.OffsetDateTime.class).one()).toInstant();
      // the first whole local day of the scenario (its first day starts part-way through a local day)
      LocalDate day = first.atZone(app.settings.bulletins().timeZone()).toLocalDate().plusDays(1);
      User coordinator = app.db.jdbi().withHandle(h -> app.users.byName(h, "demo-coordinator")).orElseThrow();
      List<org.truce.bulletins.Bulletins.Stored> drafts = new ArrayList<>();
      for (LocalDate d : List.of(day, day.plusDays(1))) {
        List<org.truce.http.FieldError> errors = new ArrayList<>();
        var period = app.bulletins.composer().period(d.toString(), d.toString(), null, app.clock, errors);
        drafts.add(app.bulletins.draftBulletin(coordinator, period, "Daily bulletin of the ceasefire monitoring mechanism.",
            "Demo: figures from the generated scenario.", null));
      }
      for (String party : List.of("IR", "RU", "TR")) {
        java.security.KeyPair k = org.truce.bulletins.Ed25519.generate();
        java.nio.file.Files.writeString(keyDir.resolve(party + ".pub"), org.truce.bulletins.Ed25519.pem(k.getPublic()));
        java.nio.file.Files.writeString(keyDir.resolve(party + ".key"), org.truce.bulletins.Ed25519.pem(k.getPrivate()));
        User reviewer = app.db.jdbi().withHandle(h -> app.users.byName(h, "demo-" + party.toLowerCase(java.util.Locale.ROOT) + "-reviewer")).orElseThrow();
        var key = app.bulletins.registerKey(reviewer, org.truce.bulletins.Ed25519.pem(k.getPublic()), "demo " + party);
        for (int i = 0; i < drafts.size(); i++) {
          if (i == 0 || party.equals("IR")) {
            byte[] content = drafts.get(i).content().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            app.bulletins.signBulletin(reviewer, drafts.get(i).id(), key.id(), org.truce.bulletins.Ed25519.sign(k.getPrivate(), content));
          }
        }
      }
      return keyDir;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The demo users' password: printed on every start, so only ever for a demo database. */
  static final String DEMO_PASSWORD = "truce-demo-password";

  /** One person of each kind the mechanism has: name, party, role. */
  static final String[][] DEMO_USERS = {
      {"demo-admin", "SEC", "admin"}, {"demo-coordinator", "SEC", "coordinator"},
      {"demo-ir-reviewer", "IR", "reviewer"}, {"demo-ru-reviewer", "RU", "reviewer"}, {"demo-tr-reviewer", "TR", "reviewer"},
      {"demo-opp-reporter", "SY-OPP", "reporter"}, {"demo-gov-reporter", "SY-GOV", "reporter"},
      {"demo-un-observer", "UN", "observer"}};

  /**
   * The demo users, made with the demo password on the first start, and a fresh token for each on every start
   * (tokens are stored hashed, so an old one cannot be shown again; the previous demo tokens are revoked).
   * Returns name, party, role and token for each, the admin first.
   */
  static List<String[]> demoUsers(App app) {
    List<String[]> out = new ArrayList<>();
    for (String[] d : DEMO_USERS) {
      User u = app.db.jdbi().withHandle(h -> app.users.byName(h, d[0])).orElse(null);
      if (u == null) {
        u = app.users.addUser(d[0], d[1], Role.fromCode(d[2]), app.parties).user();
        app.logins.setPassword(AuditLog.Actor.SYSTEM, "demo", u.id(), DEMO_PASSWORD);
      }
      for (Token t : app.tokens.list(u.id())) {
        if (t.revokedAt() == null) {
          app.tokens.revoke(AuditLog.Actor.SYSTEM, u.id(), t.id());
        }
      }
      String token = app.tokens.issue(AuditLog.Actor.SYSTEM, u.id(), "demo").orElseThrow().secret();
      out.add(new String[] {d[0], d[1], d[2], token});
    }
    return out;
  }
}
