package org.truce.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.truce.App;
import org.truce.config.Settings;
import org.truce.http.ApiException;
import org.truce.http.Bodies;
import org.truce.http.FieldError;
import org.truce.http.Json;
import org.truce.support.TestDatabase;

/**
 * Properties of report validation, on the parser the server uses (built from an App over a fresh H2 database
 * with a fixed clock): it never throws, it accepts every valid report keeping its text verbatim, and it names
 * exactly the field that was corrupted.
 */
class ReportValidationProperties {

  /** The parser's "now": reports are generated before it, corruptions after it. */
  static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  static final Instant EARLIEST = Instant.parse("2011-01-01T00:00:00Z");
  static final List<String> SOURCE_PARTIES = List.of("IR", "RU", "TR", "SY-GOV", "SY-OPP", "UN", "JO", "LB", "IQ", "ICRC");
  static final List<String> FIELD_NAMES = List.of("id", "source", "type", "party", "reference", "occurredAt", "occurredUntil",
      "timePrecision", "location", "lat", "lon", "precisionKm", "placeName", "allegedPerpetrator", "weapons", "casualties",
      "civiliansKilled", "civiliansInjured", "combatantsKilled", "combatantsInjured", "description", "language");
  static final List<String> CASUALTY_FIELDS = List.of("civiliansKilled", "civiliansInjured", "combatantsKilled",
      "combatantsInjured");

  private static App app;
  private static ReportParser parser;

  @BeforeContainer
  static void openApp() {
    Settings s = Settings.fromEnvironment(Map.of()).withDbUrl(TestDatabase.freshUrl());
    app = App.open(s, Clock.fixed(NOW, ZoneOffset.UTC));
    parser = app.parser;
  }

  @AfterContainer
  static void closeApp() {
    if (app != null) {
      app.close();
    }
  }

  // ---------------------------------------------------------------- (1) the parser never throws

  @Property(tries = 500)
  void arbitraryJsonNeverMakesTheParserThrow(@ForAll("anyJson") JsonNode node) throws Exception {
    assertWellFormed(parser.parse(wire(node)));
  }

  @Property(tries = 500)
  void reportWithArbitraryFieldValuesNeverMakesTheParserThrow(@ForAll("validReports") ObjectNode report,
      @ForAll("reportPaths") String path, @ForAll("anyJson") JsonNode value) throws Exception {
    replace(report, path, value);
    assertWellFormed(parser.parse(wire(report)));
  }

  @Property(tries = 500)
  void arbitraryBytesAreEitherMalformedOrParsed(@ForAll("bodies") byte[] body) {
    JsonNode node;
    try {
      node = Bodies.json(body, "body");
    } catch (ApiException e) {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.errors()).extracting(FieldError::field).containsExactly("body");
      return;
    }
    assertWellFormed(parser.parse(node));
  }

  /**
   * The tree as the server and the importer see it: written as JSON text and read back with the server's mapper
   * (so a NaN double becomes the string "NaN" and decimals become BigDecimal, as on the wire).
   */
  static JsonNode wire(JsonNode node) throws JsonProcessingException {
    return Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(node));
  }

  @Example
  void nonFiniteNumberNodeIsAnErrorNotAnException() {
    for (double d : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
      ObjectNode r = Json.MAPPER.createObjectNode();
      r.putObject("casualties").put("civiliansKilled", d);
      ReportParser.Result result = parser.parse(r);
      assertThat(result.errors()).extracting(FieldError::field).contains("casualties.civiliansKilled");
    }
  }

  /** Exactly one of report and errors; every error names a field and says what is wrong. */
  private static void assertWellFormed(ReportParser.Result r) {
    assertThat(r).isNotNull();
    if (r.ok()) {
      assertThat(r.errors()).isEmpty();
    } else {
      assertThat(r.report()).isNull();
      assertThat(r.errors()).isNotEmpty();
      for (FieldError e : r.errors()) {
        assertThat(e.field()).isNotNull();
        assertThat(e.message()).isNotBlank();
      }
    }
  }

  // ---------------------------------------------------------------- (2) valid reports parse, text kept verbatim

  @Property(tries = 500)
  void validReportAlwaysParsesAndKeepsItsDescriptionVerbatim(@ForAll("validReports") ObjectNode report)
      throws Exception {
    // through the wire format, as the server reads it
    JsonNode wire = Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(report));
    ReportParser.Result r = parser.parse(wire);
    assertThat(r.errors()).as(report.toString()).isEmpty();
    ReportInput in = r.report();
    assertThat(in.id()).isEqualTo(UUID.fromString(report.get("id").asText()));
    assertThat(in.description()).isEqualTo(report.get("description").asText());
    assertThat(in.lat()).isEqualTo(report.at("/location/lat").doubleValue());
    assertThat(in.lon()).isEqualTo(report.at("/location/lon").doubleValue());
    assertThat(in.type().code()).isEqualTo(report.get("type").asText());
    assertThat(in.sourceParty()).isEqualTo(report.at("/source/party").asText());
    assertThat(in.allegedPerpetrator()).isEqualTo(report.get("allegedPerpetrator").asText());
    assertThat(in.occurredAt().toInstant()).isEqualTo(OffsetDateTime.parse(report.get("occurredAt").asText()).toInstant());
    assertThat(in.occurredAt().getOffset()).isEqualTo(ZoneOffset.UTC);
    assertThat(in.civiliansKilled()).isEqualTo(intOrNull(report.at("/casualties/civiliansKilled")));
    assertThat(in.combatantsInjured()).isEqualTo(intOrNull(report.at("/casualties/combatantsInjured")));
    // the same content always hashes alike
    assertThat(parser.parse(wire).report().contentHash()).isEqualTo(in.contentHash());
  }

  private static Integer intOrNull(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? null : n.intValue();
  }

  // ---------------------------------------------------------------- (3) a corrupted field is named exactly

  enum Corruption {
    LAT_OUT_OF_RANGE, LON_OUT_OF_RANGE, UNKNOWN_TYPE, UNKNOWN_PERPETRATOR, UNKNOWN_SOURCE_PARTY, NEGATIVE_CASUALTY,
    ABSURD_CASUALTY, FUTURE_TIME, BEFORE_2011, TIME_WITHOUT_OFFSET
  }

  @Property(tries = 1000)
  void corruptingOneFieldIsReportedOnExactlyThatField(@ForAll("validReports") ObjectNode report,
      @ForAll Corruption corruption, @ForAll("magnitudes") long magnitude, @ForAll("words") String word) {
    String field = corrupt(report, corruption, magnitude, word);
    ReportParser.Result r = parser.parse(report);
    assertThat(r.ok()).as(report.toString()).isFalse();
    assertThat(r.errors()).extracting(FieldError::field).as(report.toString()).containsExactly(field);
  }

  /** Breaks one field of the report and answers its name. */
  static String corrupt(ObjectNode report, Corruption c, long magnitude, String word) {
    ObjectNode location = (ObjectNode) report.get("location");
    long m = Math.abs(magnitude) + 1;
    switch (c) {
      case LAT_OUT_OF_RANGE -> {
        location.put("lat", (magnitude < 0 ? -1 : 1) * (90 + m / 1000.0));
        return "location.lat";
      }
      case LON_OUT_OF_RANGE -> {
        location.put("lon", (magnitude < 0 ? -1 : 1) * (180 + m / 1000.0));
        return "location.lon";
      }
      case UNKNOWN_TYPE -> {
        report.put("type", "x-" + word);
        return "type";
      }
      case UNKNOWN_PERPETRATOR -> {
        report.put("allegedPerpetrator", "X-" + word);
        return "allegedPerpetrator";
      }
      case UNKNOWN_SOURCE_PARTY -> {
        ((ObjectNode) report.get("source")).put("party", "X-" + word);
        return "source.party";
      }
      case NEGATIVE_CASUALTY, ABSURD_CASUALTY -> {
        String f = CASUALTY_FIELDS.get((int) (m % 4));
        ObjectNode cas = report.has("casualties") ? (ObjectNode) report.get("casualties") : report.putObject("casualties");
        cas.put(f, c == Corruption.NEGATIVE_CASUALTY ? -(m % 1_000_000) - 1 : 10_001 + m % 1_000_000_000);
        return "casualties." + f;
      }
      case FUTURE_TIME -> {
        // later than now plus the 15 minutes of clock skew allowed, up to about ten years ahead
        OffsetDateTime t = OffsetDateTime.ofInstant(NOW.plus(Duration.ofMinutes(16 + m % 5_000_000)), ZoneOffset.ofHours(3));
        report.put("occurredAt", t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        report.remove("occurredUntil");
        return "occurredAt";
      }
      case BEFORE_2011 -> {
        OffsetDateTime t = OffsetDateTime.ofInstant(EARLIEST.minusSeconds(1 + m % 1_000_000_000L), ZoneOffset.UTC);
        report.put("occurredAt", t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        report.remove("occurredUntil");
        return "occurredAt";
      }
      case TIME_WITHOUT_OFFSET -> {
        String at = report.get("occurredAt").asText();
        report.put("occurredAt", OffsetDateTime.parse(at).toLocalDateTime().toString());
        return "occurredAt";
      }
      default -> throw new IllegalArgumentException(c.toString());
    }
  }

  // ---------------------------------------------------------------- generators

  @Provide
  Arbitrary<ObjectNode> validReports() {
    Arbitrary<double[]> point = Combinators.combine(
        Arbitraries.doubles().between(35.5, 36.1).ofScale(6),
        Arbitraries.doubles().between(36.4, 36.9).ofScale(6),
        Arbitraries.doubles().between(0.1, 100).ofScale(2).injectNull(0.5))
        .as((lat, lon, precision) -> new double[] {lat, lon, precision == null ? -1 : precision});
    Arbitrary<String[]> times = Combinators.combine(
        Arbitraries.longs().between(EARLIEST.getEpochSecond() + 86_400, NOW.getEpochSecond() - 86_400),
        Arbitraries.integers().between(-48, 56),
        Arbitraries.integers().between(0, 1440).injectNull(0.5))
        .as((seconds, quarters, untilMinutes) -> {
          ZoneOffset offset = ZoneOffset.ofTotalSeconds(quarters * 15 * 60);
          OffsetDateTime at = OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds), offset);
          String until = untilMinutes == null ? null
              : at.plusMinutes(untilMinutes).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
          return new String[] {at.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), until};
        });
    Arbitrary<String[]> who = Combinators.combine(
        Arbitraries.of(SourceType.codes()),
        Arbitraries.of(SOURCE_PARTIES),
        Arbitraries.of(concat(SOURCE_PARTIES, List.of("unknown", "SEC"))))
        .as((type, party, perpetrator) -> new String[] {type, party, perpetrator});
    Arbitrary<List<Integer>> casualties = Arbitraries.integers().between(0, 100).injectNull(0.3).list().ofSize(4)
        .injectNull(0.2);
    Arbitrary<List<String>> weapons = Arbitraries.of("artillery", "mortar", "MLRS", "sniper rifle", "مدفعية", "РСЗО")
        .list().ofMaxSize(5);
    return Combinators.combine(point, times, who, Arbitraries.of(ViolationType.codes()), casualties, unicodeText(),
            Arbitraries.of("ar", "ru", "tr", "fa", "en", "ar-SY").injectNull(0.2),
            Arbitraries.of(TimePrecision.codes()).injectNull(0.5))
        .as((p, t, w, type, cas, description, language, precision) -> {
          ObjectNode r = Json.MAPPER.createObjectNode();
          r.put("id", UUID.randomUUID().toString());
          r.putObject("source").put("type", w[0]).put("party", w[1]).put("reference", "ref-" + w[1]);
          r.put("occurredAt", t[0]);
          if (t[1] != null) {
            r.put("occurredUntil", t[1]);
          }
          if (precision != null) {
            r.put("timePrecision", precision);
          }
          ObjectNode loc = r.putObject("location").put("lat", p[0]).put("lon", p[1]);
          if (p[2] > 0) {
            loc.put("precisionKm", p[2]);
          }
          r.put("type", type);
          r.put("allegedPerpetrator", w[2]);
          if (cas != null) {
            ObjectNode c = r.putObject("casualties");
            for (int i = 0; i < 4; i++) {
              if (cas.get(i) != null) {
                c.put(CASUALTY_FIELDS.get(i), cas.get(i));
              }
            }
          }
          r.put("description", description);
          if (language != null) {
            r.put("language", language);
          }
          return r;
        })
        .flatMap(r -> weapons.map(ws -> {
          ObjectNode copy = r.deepCopy();
          if (!ws.isEmpty()) {
            ArrayNode a = copy.putArray("weapons");
            ws.forEach(a::add);
          }
          return copy;
        }));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** Text of any script: Latin, Arabic and Persian, Cyrillic, emoji, controls and marks, or any code point at all. */
  static Arbitrary<String> unicodeText() {
    Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0x20, 0x7E)),
        net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0x0600, 0x06FF)),
        net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x0400, 0x04FF)),
        net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x1F300, 0x1FAFF)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(0x09, 0x0A, 0x0D, 0x200C, 0x200D, 0x200F, 0x202E, 0x2028, 0xFEFF, 0xFFFD,
            0xFFFF, 0x0301, 0x0651)),
        net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1, 0x10FFFF)
            .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)));
    return codePoint.list().ofMaxSize(400)
        .map(cps -> cps.stream().map(Character::toString).collect(Collectors.joining()));
  }

  @Provide
  Arbitrary<String> reportPaths() {
    return Arbitraries.of("id", "source", "source.type", "source.party", "source.reference", "occurredAt", "occurredUntil",
        "timePrecision", "location", "location.lat", "location.lon", "location.precisionKm", "location.placeName", "type",
        "allegedPerpetrator", "weapons", "casualties", "casualties.civiliansKilled", "casualties.combatantsInjured",
        "description", "language", "colour");
  }

  /** Sets the value at a dotted path, creating the parent object when it is missing. */
  static void replace(ObjectNode report, String path, JsonNode value) {
    int dot = path.indexOf('.');
    if (dot < 0) {
      report.set(path, value);
      return;
    }
    String parent = path.substring(0, dot);
    JsonNode p = report.get(parent);
    ObjectNode obj = p instanceof ObjectNode o ? o : report.putObject(parent);
    obj.set(path.substring(dot + 1), value);
  }

  @Provide
  Arbitrary<JsonNode> anyJson() {
    return Arbitraries.recursive(ReportValidationProperties::jsonLeaf, inner -> Arbitraries.oneOf(
        inner.list().ofMaxSize(4).map(items -> {
          ArrayNode a = JsonNodeFactory.instance.arrayNode();
          items.forEach(a::add);
          return (JsonNode) a;
        }),
        Combinators.combine(keys().list().ofMaxSize(5), inner.list().ofSize(5)).as((ks, vs) -> {
          ObjectNode o = JsonNodeFactory.instance.objectNode();
          for (int i = 0; i < ks.size(); i++) {
            o.set(ks.get(i), vs.get(i));
          }
          return (JsonNode) o;
        })), 0, 4);
  }

  static Arbitrary<String> keys() {
    return Arbitraries.oneOf(Arbitraries.of(FIELD_NAMES), Arbitraries.strings().ofMaxLength(8));
  }

  static Arbitrary<JsonNode> jsonLeaf() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return Arbitraries.oneOf(
        Arbitraries.just(f.nullNode()),
        Arbitraries.of(true, false).map(f::booleanNode),
        Arbitraries.integers().map(f::numberNode),
        Arbitraries.longs().map(f::numberNode),
        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE,
            Double.MAX_VALUE, 1e-300, 36.8, 35.86, 500.5).map(f::numberNode),
        Arbitraries.doubles().map(f::numberNode),
        Arbitraries.of("1e400", "-1e400", "1e-400", "0.5", "3.0", "10000", "10001", "2147483648", "-0.0",
            "123456789012345678901234567890").map(s -> f.numberNode(new BigDecimal(s))),
        Arbitraries.strings().ofMaxLength(30).map(f::textNode),
        Arbitraries.strings().all().ofMaxLength(10).map(f::textNode),
        Arbitraries.of("shelling", "SY-GOV", "unknown", "party_complaint", "minute", "Saraqib", "سراقب", "2026-11-20T14:30:00+03:00",
            "2026-11-20T14:30:00", "2099-01-01T00:00:00Z", "2010-01-01T00:00:00Z", "6f1c7a52-3c55-4e5e-9b8e-0a1d2c3b4a01",
            "\u0000", "\uD800", "", " ").map(f::textNode));
  }

  @Provide
  Arbitrary<byte[]> bodies() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    Arbitrary<byte[]> jsonish = Arbitraries.of("{", "}", "[", "]", "\"", ":", ",", "1", "-", "e", ".", "NaN", "null",
            "true", "\"type\"", "\"shelling\"", "\"location\"", "{\"lat\":", "\\u0000", "\\uD800", " ", "\n", "\u00e9", "\u0000")
        .list().ofMaxSize(40).map(parts -> String.join("", parts).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Arbitrary<byte[]> valid = validReports().map(r -> {
      try {
        return Json.MAPPER.writeValueAsBytes(r);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    });
    return Arbitraries.oneOf(random, jsonish, valid);
  }

  @Provide
  Arbitrary<Long> magnitudes() {
    return Arbitraries.longs().between(-10_000_000L, 10_000_000L);
  }

  @Provide
  Arbitrary<String> words() {
    return Arbitraries.strings().withCharRange('a', 'z').withChars('-', '_').ofMinLength(1).ofMaxLength(20);
  }
}
