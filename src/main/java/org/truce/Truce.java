package org.truce;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.truce.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line: serve, demo, import, scenario, incidents, users, bench. */
@Command(name = "truce", mixinStandardHelpOptions = true, version = "truce 0.1.0",
    description = "Information system of a multilateral ceasefire mechanism.",
    subcommands = {ServeCommand.class, DemoCommand.class, ImportCommand.class, ScenarioCommand.class,
        IncidentsCommand.class, UsersCommand.class, org.truce.bench.BenchCommand.class})
public final class Truce implements Callable<Integer> {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    CommandLine cl = new CommandLine(new Truce());
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
        cmd.getErr().println("truce: " + e.getMessage());
        return 2;
      }
      throw e;
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
