package org.truce.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.truce.scenario.ScenarioGenerator.Generated;
import org.truce.scenario.ScenarioGenerator.Options;
import org.truce.scenario.ScenarioGenerator.Stats;

class ScenarioGeneratorTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final LocalDate START = LocalDate.of(2026, 10, 1);
  private static final Set<String> SOURCE_TYPES =
      Set.of("party_complaint", "monitor_observation", "observation_post", "open_source", "hotline");
  private static final Set<String> PARTIES = Set.of("IR", "RU", "TR", "SY-GOV", "SY-OPP", "UN", "JO", "LB", "IQ", "ICRC");
  private static final Set<String> TYPES = Set.of("shelling", "air_strike", "drone_strike", "ied_explosion",
      "small_arms_fire", "sniper_fire", "ground_assault", "attack_on_civilians", "abduction", "forces_movement",
      "heavy_weapons_in_zone", "obstruction_of_monitors", "attack_on_humanitarian", "other");
  private static final Set<String> PERPETRATORS = Set.of("SY-GOV", "SY-OPP", "unknown", "RU", "TR");
  private static final Set<String> LANGUAGES = Set.of("ar", "ru", "tr", "fa", "en");
  private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:00\\+03:00");

  /** The 30-day default scenario, generated once: several tests look at it from different sides. */
  private static Stats month;
  private static List<JsonNode> reports;
  private static List<String> truth;

  @BeforeAll
  static void generateMonth() throws IOException {
    StringWriter out = new StringWriter();
    StringWriter truthOut = new StringWriter();
    month = new ScenarioGenerator(new Options(START, 30, 7, 1.0, 1.0)).write(out, truthOut);
    reports = new ArrayList<>();
    for (String line : out.toString().split("\n")) {
      reports.add(MAPPER.readTree(line));
    }
    truth = List.of(truthOut.toString().split("\n"));
  }

  @Test
  void sameSeedGivesByteIdenticalOutput() throws IOException {
    String[] first = write(new Options(START, 3, 42, 1.0, 1.0));
    String[] second = write(new Options(START, 3, 42, 1.0, 1.0));
    assertThat(first[0]).isNotEmpty().isEqualTo(second[0]);
    assertThat(first[1]).isEqualTo(second[1]);
  }

  @Test
  void differentSeedsGiveDifferentReports() throws IOException {
    String a = write(new Options(START, 2, 1, 1.0, 1.0))[0];
    String b = write(new Options(START, 2, 2, 1.0, 1.0))[0];
    assertThat(a).isNotEqualTo(b);
    assertThat(a.lines().findFirst()).isNotEqualTo(b.lines().findFirst());
  }

  @Test
  void iteratorGivesTheSameReportsInTheSameOrderAsWrite() throws IOException {
    Options options = new Options(START, 2, 5, 1.0, 1.0);
    String[] written = write(options);
    List<String> lines = written[0].lines().toList();
    List<String> truthLines = written[1].lines().toList();
    Iterator<Generated> it = new ScenarioGenerator(options).iterator();
    int i = 0;
    while (it.hasNext()) {
      Generated g = it.next();
      assertThat(MAPPER.writeValueAsString(g.report())).isEqualTo(lines.get(i));
      assertThat(truthLines.get(i + 1)).isEqualTo(g.report().get("id").asText() + "," + g.trueIncidentId());
      i++;
    }
    assertThat(i).isEqualTo(lines.size());
  }

  @Test
  void thirtyDaysAtScaleOneGiveTwentyFiveToFortyThousandReports() {
    assertThat(month.reports()).isBetween(25_000L, 40_000L).isEqualTo(reports.size());
    assertThat(month.incidents()).isPositive().isLessThan(month.reports());
    assertThat(truth.stream().skip(1).map(l -> l.split(",")[1]).distinct().count()).isEqualTo(month.incidents());
  }

  @Test
  void groundTruthHasOneLinePerReportInTheSameOrder() {
    assertThat(truth.get(0)).isEqualTo("report_id,true_incident_id");
    assertThat(truth).hasSize(reports.size() + 1);
    for (int i = 0; i < reports.size(); i++) {
      assertThat(truth.get(i + 1)).startsWith(reports.get(i).get("id").asText() + ",");
    }
  }

  @Test
  void everyReportIsValidAndInsideSyria() {
    Geography geo = Geography.shared();
    OffsetDateTime earliest = START.minusDays(1).atStartOfDay().atOffset(ZoneOffset.ofHours(3));
    OffsetDateTime latest = START.plusDays(31).atStartOfDay().atOffset(ZoneOffset.ofHours(3));
    Set<String> ids = new HashSet<>();
    Set<String> references = new HashSet<>();
    for (JsonNode r : reports) {
      assertThat(ids.add(UUID.fromString(r.get("id").asText()).toString())).as("unique id").isTrue();
      JsonNode source = r.get("source");
      String sourceType = source.get("type").asText();
      String party = source.get("party").asText();
      assertThat(sourceType).isIn(SOURCE_TYPES);
      assertThat(party).isIn(PARTIES);
      assertThat(allowedParties(sourceType)).as(sourceType).contains(party);
      assertThat(source.get("reference").asText()).startsWith(party + "/2026-").hasSizeLessThan(40);
      assertThat(references.add(source.get("reference").asText())).as("unique reference").isTrue();

      String precision = r.get("timePrecision").asText();
      assertThat(precision).isIn("minute", "hour", "day");
      assertThat(r.get("occurredAt").asText()).matches(TIME);
      OffsetDateTime at = OffsetDateTime.parse(r.get("occurredAt").asText());
      assertThat(at).isAfter(earliest).isBefore(latest);
      if (precision.equals("hour")) {
        assertThat(at.getMinute()).isZero();
      } else if (precision.equals("day")) {
        assertThat(at.toLocalTime().toSecondOfDay()).isZero();
        assertThat(r.has("occurredUntil")).isFalse();
      }
      if (r.has("occurredUntil")) {
        OffsetDateTime until = OffsetDateTime.parse(r.get("occurredUntil").asText());
        assertThat(until).isAfter(at).isBeforeOrEqualTo(at.plusHours(6));
      }

      JsonNode loc = r.get("location");
      double lat = loc.get("lat").asDouble();
      double lon = loc.get("lon").asDouble();
      assertThat(geo.inSyria(lat, lon)).as("inside Syria: %s", loc).isTrue();
      assertThat(Math.abs(lat * 1e5 - Math.rint(lat * 1e5))).isLessThan(1e-6);
      assertThat(loc.get("precisionKm").asDouble()).isGreaterThanOrEqualTo(0.1).isLessThanOrEqualTo(10);
      if (loc.has("placeName")) {
        assertThat(loc.get("placeName").asText()).isEqualTo(geo.nearest(lat, lon).name());
      }

      assertThat(r.get("type").asText()).isIn(TYPES);
      assertThat(r.get("allegedPerpetrator").asText()).isIn(PERPETRATORS);
      assertThat(r.get("weapons").isArray()).isTrue();
      r.get("weapons").forEach(w -> assertThat(w.asText()).isNotBlank());
      JsonNode c = r.get("casualties");
      for (String k : List.of("civiliansKilled", "civiliansInjured", "combatantsKilled", "combatantsInjured")) {
        assertThat(c.get(k).isInt()).as(k).isTrue();
        assertThat(c.get(k).asInt()).as(k).isBetween(0, 50);
      }
      assertThat(r.get("description").asText()).isNotBlank().hasSizeLessThanOrEqualTo(2000);
      assertThat(r.get("language").asText()).isIn(LANGUAGES);
    }
  }

  @Test
  void descriptionsAreWrittenInTheReportsLanguage() {
    Map<String, Integer> byLanguage = new TreeMap<>();
    for (JsonNode r : reports) {
      String language = r.get("language").asText();
      String text = r.get("description").asText();
      byLanguage.merge(language, 1, Integer::sum);
      switch (language) {
        case "ar" -> assertThat(text).containsPattern("\\p{IsArabic}{3}");
        case "fa" -> assertThat(text).contains("\u06CC"); // Persian yeh, which Arabic text does not use
        case "ru" -> assertThat(text).containsPattern("\\p{IsCyrillic}{3}");
        case "tr", "en" -> assertThat(text).containsPattern("[A-Za-z]{3}").doesNotContainPattern("\\p{IsCyrillic}");
        default -> throw new AssertionError(language);
      }
    }
    assertThat(byLanguage.keySet()).containsExactlyInAnyOrderElementsOf(LANGUAGES);
    assertThat(byLanguage.get("ar")).isGreaterThan(byLanguage.get("fa"));
  }

  @Test
  void reportsOfOneIncidentComeFromDistinctSourcesAndAgreeWithinTheNoise() {
    Map<String, List<JsonNode>> byIncident = byIncident();
    List<Long> minuteGaps = new ArrayList<>();
    List<Double> distances = new ArrayList<>();
    for (List<JsonNode> group : byIncident.values()) {
      assertThat(group).hasSizeBetween(1, 5);
      Set<String> sources = new HashSet<>();
      for (JsonNode r : group) {
        assertThat(sources.add(r.get("source").get("type").asText() + "/" + r.get("source").get("party").asText()))
            .as("one report per source").isTrue();
      }
      for (int i = 0; i < group.size(); i++) {
        for (int j = i + 1; j < group.size(); j++) {
          JsonNode a = group.get(i);
          JsonNode b = group.get(j);
          long gap = Math.abs(Duration.between(time(a), time(b)).toMinutes());
          // hours and days are truncated, so a coarse report may start up to a day before a precise one
          assertThat(gap).as("%s / %s", a, b).isLessThanOrEqualTo(30 * 60);
          if (precision(a).equals("minute") && precision(b).equals("minute")) {
            assertThat(gap).isLessThanOrEqualTo(6 * 60);
            minuteGaps.add(gap);
          }
          if (km(a) < 2 && km(b) < 2) {
            distances.add(Geography.distanceKm(lat(a), lon(a), lat(b), lon(b)));
          }
        }
      }
    }
    // most precise reports of one event lie within minutes and a kilometre or two of each other
    assertThat(share(minuteGaps, g -> g <= 20)).isGreaterThan(0.85);
    assertThat(share(distances, d -> d <= 2.0)).isGreaterThan(0.9);
    assertThat(distances.stream().mapToDouble(Double::doubleValue).max().orElseThrow()).isLessThan(15);
  }

  @Test
  void opposingSidesBlameEachOther() {
    int complaints = 0;
    int blamingOtherSide = 0;
    for (JsonNode r : reports) {
      if (r.get("source").get("type").asText().equals("party_complaint")) {
        complaints++;
        String party = r.get("source").get("party").asText();
        String accused = r.get("allegedPerpetrator").asText();
        assertThat(accused).isNotEqualTo(party);
        if (!accused.equals("unknown")) {
          blamingOtherSide++;
        }
      }
    }
    assertThat(blamingOtherSide).isGreaterThan(complaints * 8 / 10);
  }

  @Test
  void reportsComeInOrderOfReceptionNotGroupedByIncident() {
    OffsetDateTime latestSoFar = null;
    int sameIncidentNeighbours = 0;
    for (int i = 0; i < reports.size(); i++) {
      JsonNode r = reports.get(i);
      if (precision(r).equals("minute")) {
        OffsetDateTime at = time(r);
        if (latestSoFar != null) {
          // received at most a few hours after an event that lasts at most four
          assertThat(at).isAfter(latestSoFar.minusHours(12));
        }
        latestSoFar = latestSoFar == null || at.isAfter(latestSoFar) ? at : latestSoFar;
      }
      if (i > 0 && truthOf(i).equals(truthOf(i - 1))) {
        sameIncidentNeighbours++;
      }
    }
    assertThat(sameIncidentNeighbours).isLessThan(reports.size() / 10);
  }

  @Test
  void idlibIsDenseEnoughThatItsBusiestDayHasAtLeastTwoHundredIncidents() {
    Geography geo = Geography.shared();
    Map<String, Integer> idlibByDay = new TreeMap<>();
    Map<String, Integer> byZone = new TreeMap<>();
    for (List<JsonNode> group : byIncident().values()) {
      double lat = group.stream().mapToDouble(ScenarioGeneratorTest::lat).average().orElseThrow();
      double lon = group.stream().mapToDouble(ScenarioGeneratorTest::lon).average().orElseThrow();
      String zone = geo.zoneOf(lat, lon);
      byZone.merge(zone, 1, Integer::sum);
      if (zone.equals("idlib")) {
        String day = group.stream().map(ScenarioGeneratorTest::time).min(OffsetDateTime::compareTo).orElseThrow()
            .toLocalDate().toString();
        idlibByDay.merge(day, 1, Integer::sum);
      }
    }
    assertThat(idlibByDay.values().stream().mapToInt(Integer::intValue).max().orElseThrow()).isGreaterThanOrEqualTo(200);
    assertThat(byZone.keySet()).contains("idlib", "northern-homs", "eastern-ghouta", "south", Geography.OUTSIDE);
    assertThat(byZone.get("idlib")).isGreaterThan(byZone.values().stream().mapToInt(Integer::intValue).sum() / 2);
  }

  @Test
  void scaleMultipliesIncidentsAndNoiseLeavesThemAlone() throws IOException {
    Stats one = stats(new Options(START, 10, 3, 1.0, 1.0));
    Stats two = stats(new Options(START, 10, 3, 1.0, 2.0));
    Stats noisy = stats(new Options(START, 10, 3, 2.0, 1.0));
    assertThat((double) two.incidents() / one.incidents()).isBetween(1.8, 2.2);
    assertThat(noisy.incidents()).isEqualTo(one.incidents());
    assertThat(stats(new Options(START, 0, 3, 1.0, 1.0))).isEqualTo(new Stats(0, 0));
  }

  @Test
  void doublingNoiseScattersReportsFurther() {
    double quiet = meanSpreadKm(new Options(START, 5, 11, 1.0, 1.0));
    double noisy = meanSpreadKm(new Options(START, 5, 11, 2.0, 1.0));
    assertThat(noisy / quiet).isBetween(1.5, 2.5);
  }

  @Test
  void optionsRejectImpossibleValues() {
    assertThatThrownBy(() -> new Options(START, -1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Options(START, 1, 1, -1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Options(START, 1, 1, 1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Options(null, 1, 1, 1, 1)).isInstanceOf(NullPointerException.class);
  }

  // --- helpers

  private static String[] write(Options options) throws IOException {
    StringWriter out = new StringWriter();
    StringWriter truthOut = new StringWriter();
    new ScenarioGenerator(options).write(out, truthOut);
    return new String[] {out.toString(), truthOut.toString()};
  }

  private static Stats stats(Options options) throws IOException {
    StringWriter sink = new StringWriter();
    return new ScenarioGenerator(options).write(sink, new StringWriter());
  }

  /** Mean distance of precise reports from their incident's mean position. */
  private static double meanSpreadKm(Options options) {
    Map<String, List<double[]>> points = new HashMap<>();
    for (Iterator<Generated> it = new ScenarioGenerator(options).iterator(); it.hasNext(); ) {
      Generated g = it.next();
      JsonNode loc = g.report().get("location");
      String source = g.report().get("source").get("type").asText();
      // posts and monitors: precise sources whose stated precision below 2 km means a point, not a town
      if (source.equals("observation_post") || source.equals("monitor_observation") && loc.get("precisionKm").asDouble() < 1.9) {
        points.computeIfAbsent(g.trueIncidentId(), k -> new ArrayList<>())
            .add(new double[] {loc.get("lat").asDouble(), loc.get("lon").asDouble()});
      }
    }
    double sum = 0;
    int n = 0;
    for (List<double[]> ps : points.values()) {
      if (ps.size() < 2) {
        continue;
      }
      double lat = ps.stream().mapToDouble(p -> p[0]).average().orElseThrow();
      double lon = ps.stream().mapToDouble(p -> p[1]).average().orElseThrow();
      for (double[] p : ps) {
        sum += Geography.distanceKm(lat, lon, p[0], p[1]);
        n++;
      }
    }
    return sum / n;
  }

  private static Map<String, List<JsonNode>> byIncident() {
    Map<String, List<JsonNode>> out = new HashMap<>();
    for (int i = 0; i < reports.size(); i++) {
      out.computeIfAbsent(truthOf(i), k -> new ArrayList<>()).add(reports.get(i));
    }
    return out;
  }

  private static String truthOf(int reportIndex) {
    return truth.get(reportIndex + 1).split(",")[1];
  }

  private static Set<String> allowedParties(String sourceType) {
    return switch (sourceType) {
      case "party_complaint", "hotline" -> Set.of("SY-GOV", "SY-OPP");
      case "monitor_observation" -> Set.of("IR", "RU", "TR");
      case "observation_post" -> Set.of("RU", "TR");
      case "open_source" -> PARTIES;
      default -> throw new UncheckedIOException(new IOException("unknown source type " + sourceType));
    };
  }

  private static <T> double share(List<T> values, java.util.function.Predicate<T> test) {
    return (double) values.stream().filter(test).count() / values.size();
  }

  private static OffsetDateTime time(JsonNode r) {
    return OffsetDateTime.parse(r.get("occurredAt").asText());
  }

  private static String precision(JsonNode r) {
    return r.get("timePrecision").asText();
  }

  private static double lat(JsonNode r) {
    return r.get("location").get("lat").asDouble();
  }

  private static double lon(JsonNode r) {
    return r.get("location").get("lon").asDouble();
  }

  private static double km(JsonNode r) {
    return r.get("location").get("precisionKm").asDouble();
  }
}
