package org.truce;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.truce.audit.AuditLog;
import org.truce.audit.AuditVerifier;
import org.truce.db.Database;
import org.truce.http.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The audit log from the command line. */
@Command(name = "audit", description = "The tamper-evident record (docs/audit.md).", subcommands = AuditCommand.VerifyCommand.class)
final class AuditCommand {

  @Command(name = "verify", description = "Recompute the audit chain; exit 1 naming the first entry that does not match.")
  static final class VerifyCommand implements Callable<Integer> {
    @Mixin
    Truce.DbOptionsMixin db;

    @Option(names = "--against", paramLabel = "HEAD.json",
        description = "a head saved earlier from GET /api/v1/audit/head: the log must still hold it")
    Path against;

    @Override
    public Integer call() throws Exception {
      AuditLog.Head head = against == null ? null : readHead(against);
      var s = db.settings();
      try (Database d = Database.open(s.dbUrl(), s.dbUser(), s.dbPassword(), 2)) {
        AuditVerifier.Result r = new AuditVerifier(d.jdbi()).verify(head);
        if (r.ok()) {
          System.out.printf("audit log intact: %,d entries, head %d %s%s%n", r.entries(), r.head().seq(), r.head().hash(),
              head == null ? "" : "; it holds and extends the given head " + head.seq());
          return 0;
        }
        System.out.printf("audit log BROKEN at entry %d: %s (%,d entries before it check out)%n", r.firstBad(), r.problem(), r.entries());
        return 1;
      }
    }

    private static AuditLog.Head readHead(Path file) throws Exception {
      JsonNode n;
      try {
        n = Json.MAPPER.readTree(Files.readAllBytes(file));
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException("--against: cannot read " + file + " as JSON: " + e.getMessage());
      }
      if (n == null || !n.path("seq").canConvertToLong() || !n.path("hash").isTextual()
          || !n.path("hash").asText().matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("--against: " + file + " must be {\"seq\": N, \"hash\": \"64 hex digits\"} as GET /api/v1/audit/head answers");
      }
      return new AuditLog.Head(n.path("seq").asLong(), n.path("hash").asText());
    }
  }
}
