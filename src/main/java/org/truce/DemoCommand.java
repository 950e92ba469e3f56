package org.truce;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.truce.access.Role;
import org.truce.access.Users;
import org.truce.config.Settings;
import org.truce.http.HttpServer;
import org.truce.reports.ReportInput;
import org.truce.reports.ReportParser;
import org.truce.scenario.ScenarioGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Starts the server with demo data: the shipped defaults and a generated 30-day scenario. */
@Command(name = "demo", description = "Run the server with a generated 30-day scenario and print a demo admin token.")
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
    Users.Created admin = demoAdmin(app);
    app.ingest.start();
    HttpServer server = HttpServer.start(app, s.port());
    String url = "http://localhost:" + server.port() + "/";
    System.out.println();
    System.out.println("Truce demo is running at " + url);
    System.out.println("Demo admin token: " + admin.token());
    System.out.println("Try: curl -H 'Authorization: Bearer " + admin.token() + "' '" + url + "api/v1/incidents?zone=idlib&limit=5'");
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
        created += app.ingest.store(batch, org.truce.audit.AuditLog.Actor.SYSTEM).stream().filter(o -> o.status() == 201).count();
        batch.clear();
      }
    }
    return new long[] {total, created};
  }

  /** A fresh token for the demo admin on every start: tokens are stored hashed, so an old one cannot be shown again. */
  static Users.Created demoAdmin(App app) {
    String name = "demo-admin-" + Long.toString(System.currentTimeMillis(), 36);
    return app.users.addUser(name, "SEC", Role.ADMIN, app.parties);
  }
}
