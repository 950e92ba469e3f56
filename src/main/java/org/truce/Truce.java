package org.truce;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.truce.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line: serve, demo, import, scenario, incidents, export, users, audit, db, bench. */
@Command(name = "truce", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "truce 0.1.0",
    description = "Information system of a multilateral ceasefire mechanism.",
    subcommands = {ServeCommand.class, DemoCommand.class, ImportCommand.class, ScenarioCommand.class,
        IncidentsCommand.class, ExportCommand.class, UsersCommand.class, AuditCommand.class, BulletinCommand.class, DbCommand.class, org.truce.bench.BenchCommand.class})
public final class Truce implements Callable<Integer> {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs one command line and returns its exit code (0 ok, 1 a check failed, 2 an error). */
  public static int run(String... args) {
    CommandLine cl = new CommandLine(new Truce());
    // a clean message and exit code 2 for every failure; TRUCE_DEBUG=1 adds the stack trace
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      Throwable root = e;
      while (root.getCause() != null && root.getMessage() == null) {
        root = root.getCause();
      }
      cmd.getErr().println("truce: " + (root.getMessage() != null ? root.getMessage() : root.toString()));
      if (System.getenv("TRUCE_DEBUG") != null) {
        e.printStackTrace(cmd.getErr());
      }
      return 2;
    });
    return cl.execute(args);
  }

  @Override
  public Integer call() {
    CommandLine.usage(this, System.out);
    return 0;
  }

  /** Options every command that touches the database takes. */
  static final class DbOptionsMixin {
    @Option(names = "--db", description = "JDBC URL: jdbc:h2:file:PATH (default data/truce) or jdbc:postgresql://HOST/DB; also TRUCE_DB_URL")
    String dbUrl;

    Settings settings() {
      return Settings.fromEnvironment(System.getenv()).withDbUrl(dbUrl);
    }

    App open() {
      return App.open(settings(), Clock.systemUTC());
    }
  }
}
