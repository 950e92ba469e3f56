package org.truce.scenario;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Objects;

/**
 * Deterministic synthetic violation reports with ground truth: true incidents clustered in the de-escalation
 * zones, each told by one to five sources with their own errors, emitted in the order they are received.
 * The same options always give the same bytes.
 *
 * <pre>
 * ScenarioGenerator g = new ScenarioGenerator(new Options(LocalDate.of(2026, 10, 1), 30, 7, 1.0, 1.0));
 * Stats s = g.write(reportsWriter, truthWriter); // NDJSON, and "report_id,true_incident_id" CSV
 * </pre>
 */
public final class ScenarioGenerator {

  /**
   * What to generate.
   *
   * @param start first day (Syria's local time); the whole period must lie in the past for reports to be valid
   * @param days number of days
   * @param seed seed of the random stream: same seed, same output
   * @param noise 1.0 = default reporting noise; every noise amplitude is multiplied by it
   * @param scale 1.0 = default density (about 1,000 reports a day); incident counts grow linearly with it
   */
  public record Options(LocalDate start, int days, long seed, double noise, double scale) {
    public Options {
      Objects.requireNonNull(start, "start");
      if (days < 0) {
        throw new IllegalArgumentException("days must be ≥ 0, got " + days);
      }
      if (!(noise >= 0) || !(scale >= 0) || Double.isInfinite(noise) || Double.isInfinite(scale)) {
        throw new IllegalArgumentException("noise and scale must be finite and ≥ 0");
      }
    }
  }

  /** How many true incidents and reports were generated. */
  public record Stats(long incidents, long reports) {}

  /** One generated report and the id of the true incident it describes. */
  public record Generated(ObjectNode report, String trueIncidentId) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Options options;

  public ScenarioGenerator(Options options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Writes one report per line as JSON (NDJSON) to reports, and "reportId,incidentId" lines (with header
   * "report_id,true_incident_id") to truth. Streams: constant memory whatever the size. Neither writer is closed.
   */
  public Stats write(Writer reports, Writer truth) throws IOException {
    ScenarioStream stream = new ScenarioStream(options);
    truth.write("report_id,true_incident_id\n");
    try (JsonGenerator out = MAPPER.getFactory().createGenerator(reports)) {
      out.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      out.setRootValueSeparator(null); // lines are separated by our own newline, not Jackson's space
      while (stream.hasNext()) {
        Generated g = stream.next();
        MAPPER.writeTree(out, g.report());
        out.writeRaw('\n');
        truth.write(g.report().get("id").asText());
        truth.write(',');
        truth.write(g.trueIncidentId());
        truth.write('\n');
      }
    }
    reports.flush();
    truth.flush();
    return new Stats(stream.incidents(), stream.reports());
  }

  /** Same reports, in the same order, as a lazy iterator of Jackson ObjectNodes with a parallel truth id, for in-process use. */
  public Iterator<Generated> iterator() {
    return new ScenarioStream(options);
  }
}
