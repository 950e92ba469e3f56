package org.truce.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.truce.config.Limits;
import org.truce.http.FieldError;
import org.truce.http.Fields;
import org.truce.http.Json;
import org.truce.parties.Parties;
import org.truce.parties.Party;
import org.truce.places.Gazetteer;
import org.truce.places.Place;
import org.truce.zones.ZoneIndex;

/** Turns one report's JSON into a {@link ReportInput}, or into the list of every offending field. */
public final class ReportParser {

  /** Reports before the 2011 uprising are outside any ceasefire this mechanism monitors. */
  public static final OffsetDateTime EARLIEST = OffsetDateTime.of(2011, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
  /** Clocks of field devices run a little ahead; beyond this a time is "in the future". */
  public static final Duration FUTURE_SKEW = Duration.ofMinutes(15);
  public static final Duration MAX_WINDOW = Duration.ofDays(7);
  public static final double DEFAULT_PRECISION_KM_POINT = 1.0;
  public static final double DEFAULT_PRECISION_KM_PLACE = 5.0;
  public static final double MAX_PRECISION_KM = 100.0;

  private static final Set<String> ROOT = Set.of("id", "source", "occurredAt", "occurredUntil", "timePrecision",
      "location", "type", "allegedPerpetrator", "weapons", "casualties", "description", "language");
  private static final Set<String> SOURCE = Set.of("type", "party", "reference");
  private static final Set<String> LOCATION = Set.of("lat", "lon", "precisionKm", "placeName");
  private static final Set<String> CASUALTIES = Set.of("civiliansKilled", "civiliansInjured", "combatantsKilled", "combatantsInjured");
  private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}");

  private final Parties parties;
  private final ZoneIndex zones;
  private final Gazetteer gazetteer;
  private final Limits limits;
  private final Clock clock;

  public ReportParser(Parties parties, ZoneIndex zones, Gazetteer gazetteer, Limits limits, Clock clock) {
    this.parties = parties;
    this.zones = zones;
    this.gazetteer = gazetteer;
    this.limits = limits;
    this.clock = clock;
  }

  /** The parsed report, or the errors: exactly one of the two is set. */
  public record Result(ReportInput report, List<FieldError> errors) {
    public boolean ok() {
      return report != null;
    }
  }

  public Result parse(JsonNode node) {
    List<FieldError> errors = new ArrayList<>();
    if (node == null || !node.isObject()) {
      return new Result(null, List.of(new FieldError("body", "a report must be a JSON object")));
    }
    Fields f = new Fields(errors);
    f.unknown("", node, ROOT);

    UUID id = f.uuid("id", node.get("id"));
    JsonNode source = f.object("source", node.get("source"), true);
    SourceType sourceType = null;
    String sourceParty = null;
    String reference = null;
    if (source != null) {
      f.unknown("source.", source, SOURCE);
      String st = f.string("source.type", source.get("type"), true, 32);
      if (st != null && (sourceType = SourceType.fromCode(st)) == null) {
        f.error("source.type", "unknown source type '" + st + "'; allowed: " + String.join(", ", SourceType.codes()));
      }
      sourceParty = f.string("source.party", source.get("party"), true, 32);
      if (sourceParty != null && (!parties.exists(sourceParty) || Party.UNKNOWN.equals(sourceParty))) {
        f.error("source.party", "unknown party '" + sourceParty + "'; allowed: " + String.join(", ", parties.sourceCodes()));
        sourceParty = null;
      }
      reference = f.text("source.reference", source.get("reference"), limits.maxShortTextChars());
    }

    OffsetDateTime now = OffsetDateTime.now(clock);
    OffsetDateTime at = f.time("occurredAt", node.get("occurredAt"), true, EARLIEST, now, now.plus(FUTURE_SKEW));
    OffsetDateTime until = f.time("occurredUntil", node.get("occurredUntil"), false, EARLIEST, now, now.plus(FUTURE_SKEW));
    if (at != null && until != null) {
      if (until.isBefore(at)) {
        f.error("occurredUntil", "must not be before occurredAt (" + at + ")");
      } else if (Duration.between(at, until).compareTo(MAX_WINDOW) > 0) {
        f.error("occurredUntil", "a report's window may span at most 7 days; report longer events as several reports");
      }
    }
    TimePrecision precision = TimePrecision.MINUTE;
    String tp = f.string("timePrecision", node.get("timePrecision"), false, 16);
    if (tp != null && (precision = TimePrecision.fromCode(tp)) == null) {
      f.error("timePrecision", "unknown time precision '" + tp + "'; allowed: " + String.join(", ", TimePrecision.codes()));
    }

    Located loc = location(f, node.get("location"));

    ViolationType type = null;
    String t = f.string("type", node.get("type"), true, 64);
    if (t != null && (type = ViolationType.fromCode(t)) == null) {
      f.error("type", "unknown violation type '" + t + "'; allowed: " + String.join(", ", ViolationType.codes()));
    }
    String perpetrator = f.string("allegedPerpetrator", node.get("allegedPerpetrator"), false, 32);
    if (perpetrator == null) {
      perpetrator = Party.UNKNOWN;
    } else if (!parties.exists(perpetrator)) {
      f.error("allegedPerpetrator", "unknown party '" + perpetrator + "'; allowed: " + String.join(", ", parties.codes()));
    }
    List<String> weapons = weapons(f, node.get("weapons"));
    Integer[] cas = new Integer[4];
    JsonNode c = f.object("casualties", node.get("casualties"), false);
    if (c != null) {
      f.unknown("casualties.", c, CASUALTIES);
      cas[0] = f.count("casualties.civiliansKilled", c.get("civiliansKilled"), limits.maxCasualties());
      cas[1] = f.count("casualties.civiliansInjured", c.get("civiliansInjured"), limits.maxCasualties());
      cas[2] = f.count("casualties.combatantsKilled", c.get("combatantsKilled"), limits.maxCasualties());
      cas[3] = f.count("casualties.combatantsInjured", c.get("combatantsInjured"), limits.maxCasualties());
    }
    String description = f.text("description", node.get("description"), limits.maxDescriptionChars());
    String language = f.string("language", node.get("language"), false, 16);
    if (language != null && !LANGUAGE.matcher(language).matches()) {
      f.error("language", "must be a BCP 47 language tag such as 'ar', 'ru', 'tr', 'fa' or 'en'");
    }
    if (!errors.isEmpty()) {
      return new Result(null, List.copyOf(errors));
    }
    boolean chosen = id != null;
    if (!chosen) {
      id = UUID.randomUUID();
    }
    return new Result(new ReportInput(id, chosen, sourceType, sourceParty, reference,
        at.withOffsetSameInstant(ZoneOffset.UTC), until == null ? null : until.withOffsetSameInstant(ZoneOffset.UTC),
        precision, loc.lat, loc.lon, loc.precisionKm, loc.placeName, loc.resolvedPlace, type, perpetrator, weapons,
        cas[0], cas[1], cas[2], cas[3], description, language == null ? null : language.toLowerCase(Locale.ROOT),
        contentHash(node)), List.of());
  }

  private record Located(double lat, double lon, double precisionKm, String placeName, String resolvedPlace) {}

  private Located location(Fields f, JsonNode node) {
    JsonNode loc = f.object("location", node, true);
    if (loc == null) {
      return null;
    }
    f.unknown("location.", loc, LOCATION);
    Double lat = f.number("location.lat", loc.get("lat"), -90, 90);
    Double lon = f.number("location.lon", loc.get("lon"), -180, 180);
    Double precision = f.number("location.precisionKm", loc.get("precisionKm"), 0, MAX_PRECISION_KM);
    if (precision != null && precision <= 0) {
      f.error("location.precisionKm", "must be greater than 0 (kilometres)");
    }
    String placeName = f.text("location.placeName", loc.get("placeName"), limits.maxShortTextChars());
    boolean hasLat = loc.hasNonNull("lat");
    boolean hasLon = loc.hasNonNull("lon");
    if (hasLat != hasLon) {
      f.error(hasLat ? "location.lon" : "location.lat", "give both lat and lon, or neither and a placeName");
      return null;
    }
    Place resolved = placeName == null || placeName.isBlank() ? null : gazetteer.resolve(placeName).orElse(null);
    if (!hasLat) {
      if (placeName == null || placeName.isBlank()) {
        f.error("location", "give lat and lon, or a placeName known to the gazetteer");
        return null;
      }
      if (resolved == null) {
        f.error("location.placeName", "unknown place '" + placeName + "'; closest known names: "
            + String.join(", ", gazetteer.closest(placeName, 5)));
        return null;
      }
      return new Located(resolved.lat(), resolved.lon(), precision != null ? precision : DEFAULT_PRECISION_KM_PLACE,
          placeName, resolved.name());
    }
    if (lat == null || lon == null) {
      return null;
    }
    if (!zones.inAreaOfOperation(lat, lon)) {
      f.error("location", "the point (" + lat + ", " + lon + ") lies outside the area of operation (Syria); "
          + "check the order and sign of lat and lon");
      return null;
    }
    return new Located(lat, lon, precision != null ? precision : DEFAULT_PRECISION_KM_POINT, placeName,
        resolved == null ? null : resolved.name());
  }

  private List<String> weapons(Fields f, JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      f.error("weapons", "must be a list of strings");
      return List.of();
    }
    if (node.size() > limits.maxWeapons()) {
      f.error("weapons", "at most " + limits.maxWeapons() + " weapons, got " + node.size());
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String w = f.text("weapons[" + i + "]", node.get(i), limits.maxShortTextChars());
      if (w != null) {
        out.add(w);
      } else if (node.get(i).isNull()) {
        f.error("weapons[" + i + "]", "must be a string");
      }
    }
    return List.copyOf(out);
  }

  /** SHA-256 of the report's canonical JSON (keys sorted), so that the same content always hashes alike. */
  static String contentHash(JsonNode node) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(canonical(node).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String canonical(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      node.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
      StringBuilder sb = new StringBuilder("{");
      for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
        if (sb.length() > 1) {
          sb.append(',');
        }
        sb.append(Json.MAPPER.getNodeFactory().textNode(e.getKey())).append(':').append(canonical(e.getValue()));
      }
      return sb.append('}').toString();
    }
    if (node.isArray()) {
      StringBuilder sb = new StringBuilder("[");
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        sb.append(canonical(it.next()));
        if (it.hasNext()) {
          sb.append(',');
        }
      }
      return sb.append(']').toString();
    }
    if (node.isNumber()) {
      // scientific notation keeps 1e30000000 ten characters long
      return node.decimalValue().stripTrailingZeros().toString();
    }
    return node.toString();
  }
}
