package org.truce.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.truce.Truce;

/** The audit-cost benchmarks, at a tiny size on H2: both arms run in the balanced order and the cost is printed. */
class AuditCostBenchTest {

  /** A measured run's row: | run | round | arm | reports | seconds | reports/s | detail | */
  private static final Pattern RUN = Pattern.compile(
      "^\\| (\\d+) \\| \\d+ \\| (with|without) the log \\| ([\\d,]+) \\| [\\d.]+ \\| ([\\d,]+) \\| (.*) \\|$", Pattern.MULTILINE);
  private static final Pattern COST = Pattern.compile("^the log costs (-?[\\d.]+) % .*target < 15 %: (met|NOT met)$",
      Pattern.MULTILINE);

  @Test
  void bulkImportWithAndWithoutTheLogInBalancedOrder() {
    String out = run("bench", "import", "--audit-cost", "--reports", "400", "--rounds", "1");

    assertThat(arms(out)).containsExactly("with", "without", "without", "with");
    assertPositiveRates(out);
    assertThat(out).contains("| warm-up | - | with the log | 400 |");
    // the arm without the log really stored no entries of reports, the arm with it did
    Matcher m = RUN.matcher(out);
    while (m.find()) {
      assertThat(m.group(5)).isEqualTo("log entries of stored reports: " + (m.group(2).equals("with") ? 1 : 0));
    }
    assertThat(COST.matcher(out).find()).as(out).isTrue();
  }

  @Test
  void singleReportApiWithAndWithoutTheLogInBalancedOrder() {
    String out = run("bench", "api", "--audit-cost", "--seconds", "1", "--warmup", "0", "--clients", "4", "--rounds", "1",
        "--warmup-runs", "0");

    assertThat(arms(out)).containsExactly("with", "without", "without", "with");
    assertPositiveRates(out);
    Matcher m = RUN.matcher(out);
    while (m.find()) {
      assertThat(m.group(5)).contains(", 0 errors;");
      if (m.group(2).equals("without")) {
        assertThat(m.group(5)).endsWith("log entries of stored reports: 0");
      } else {
        assertThat(m.group(5)).doesNotEndWith("log entries of stored reports: 0");
      }
    }
    assertThat(COST.matcher(out).find()).as(out).isTrue();
  }

  @Test
  void anH2UrlIsRefusedSinceEveryRunMakesItsOwnStore() {
    assertThat(Truce.run("bench", "import", "--audit-cost", "--reports", "10", "--db", "jdbc:h2:file:/tmp/x")).isEqualTo(2);
  }

  private static List<String> arms(String out) {
    return RUN.matcher(out).results().map(r -> r.group(2)).toList();
  }

  private static void assertPositiveRates(String out) {
    RUN.matcher(out).results().forEach(r -> {
      assertThat(Long.parseLong(r.group(3).replace(",", ""))).as(r.group()).isPositive();
      assertThat(Long.parseLong(r.group(4).replace(",", ""))).as(r.group()).isPositive();
    });
  }

  private static String run(String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Truce.run(args);
    } finally {
      System.setOut(old);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    assertThat(code).as(out).isZero();
    return out;
  }
}
