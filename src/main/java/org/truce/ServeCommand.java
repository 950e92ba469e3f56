package org.truce;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.truce.config.Settings;
import org.truce.http.HttpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the server until stopped. */
@Command(name = "serve", description = "Run the server (API and, later, the web interface).")
final class ServeCommand implements Callable<Integer> {

  @Option(names = "--port", description = "TCP port (default 8080; also TRUCE_PORT)")
  Integer port;

  @Mixin
  Truce.DbOptionsMixin db;

  @Override
  public Integer call() throws InterruptedException {
    Settings s = db.settings().withPort(port);
    App app = App.open(s, Clock.systemUTC());
    boolean created = app.users.bootstrapAdmin(s.adminToken(), app.parties);
    app.ingest.start();
    HttpServer server = HttpServer.start(app, s.port());
    if (created) {
      System.out.println("Created the admin user from TRUCE_ADMIN_TOKEN.");
    }
    System.out.println("Truce is listening on http://localhost:" + server.port() + "/ (database " + redact(s.dbUrl()) + ")");
    awaitShutdown(server, app);
    return 0;
  }

  static String redact(String url) {
    return url.replaceAll("(?i)password=[^&;]*", "password=***");
  }

  static void awaitShutdown(HttpServer server, App app) throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      app.close();
      stop.countDown();
    }, "truce-shutdown"));
    stop.await();
  }
}
