package org.truce.exports;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.truce.App;
import org.truce.http.FieldError;
import org.truce.http.Json;
import org.truce.incidents.IncidentFeature;
import org.truce.incidents.IncidentFilter;
import org.truce.incidents.IncidentFilters;
import org.truce.parties.Parties;
import org.truce.places.Gazetteer;
import org.truce.reports.SourceType;
import org.truce.zones.Zone;
import org.truce.zones.ZoneStore;

/**
 * The open-data exports, written straight to an output stream as the rows come from the database: incidents as
 * GeoJSON (RFC 7946), as an ACLED-style CSV or as an HXL-tagged CSV, and the zones as GeoJSON. docs/exports.md.
 */
public final class Exports {

  /** Writes one feature at a time; the stream is flushed only at the end, not after every feature. */
  private static final ObjectWriter FEATURE = Json.MAPPER.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

  private final ExportStore store;
  private final Parties parties;
  private final Gazetteer gazetteer;
  private final ZoneStore zones;
  private final Country country;

  Exports(ExportStore store, Parties parties, Gazetteer gazetteer, ZoneStore zones, Country country) {
    this.store = store;
    this.parties = parties;
    this.gazetteer = gazetteer;
    this.zones = zones;
    this.country = country;
  }

  /** The exports of an app's database, for the shipped country. */
  public static Exports of(App app) {
    return new Exports(new ExportStore(app.db.jdbi(), app.db.isPostgres()), app.parties, app.gazetteer, app.zoneStore,
        Country.SYRIA);
  }

  /**
   * Writes the incidents that filter selects, newest first, and returns how many; mayReadReportsOf says whether
   * the reader may read the reports of a source party (their text then appears in the notes). out is flushed,
   * not closed.
   */
  public long incidents(ExportFormat format, IncidentFilter filter, Predicate<String> mayReadReportsOf, OutputStream out)
      throws IOException {
    Describer describer = new Describer(parties, gazetteer, country, mayReadReportsOf);
    if (format == ExportFormat.GEOJSON) {
      JsonGenerator g = featureCollection(out);
      long n = store.forEach(filter, row -> FEATURE.writeValue(g, feature(describer.describe(row))));
      end(g);
      return n;
    }
    List<Column> columns = format == ExportFormat.ACLED ? AcledColumns.of(country) : HxlColumns.of(country);
    SafeCsv csv = new SafeCsv(out);
    csv.row(columns.stream().map(Column::header).toList());
    if (format == ExportFormat.HXL) {
      csv.row(columns.stream().map(Column::hashtag).toList());
    }
    long n = store.forEach(filter, row -> {
      Describer.Facts f = describer.describe(row);
      csv.row(columns.stream().map(c -> c.value().apply(f)).toList());
    });
    csv.flush();
    return n;
  }

  /** Which zones to export: those listed (all when none is), valid at some time between from and to (each optional). */
  public record ZoneSelection(List<String> ids, OffsetDateTime from, OffsetDateTime to) {

    /** The parameters of the zones export. */
    public static final Set<String> PARAMS = Set.of("zone", "from", "to");

    /** Reads a selection from query parameters (zone, from, to) as the incident filters read theirs. */
    public static ZoneSelection read(Map<String, List<String>> params, List<String> zoneIds, List<FieldError> errors) {
      IncidentFilters.unknown(params.keySet(), PARAMS, errors);
      OffsetDateTime from = IncidentFilters.time(IncidentFilters.first(params, "from"), "from", false, errors);
      OffsetDateTime to = IncidentFilters.time(IncidentFilters.first(params, "to"), "to", true, errors);
      if (from != null && to != null && !to.isAfter(from)) {
        errors.add(new FieldError("to", "must be after from"));
      }
      return new ZoneSelection(IncidentFilters.values(params, "zone", zoneIds, errors), from, to);
    }

    boolean selects(Zone z) {
      if (!ids.isEmpty() && !ids.contains(z.id())) {
        return false;
      }
      if (from != null && z.validUntil() != null && z.validUntil().isBefore(from.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate())) {
        return false;
      }
      return to == null || z.validFrom() == null || z.validFrom().atStartOfDay().atOffset(ZoneOffset.UTC).isBefore(to);
    }
  }

  /** Writes the selected zones, the area of operation among them, as stored; returns how many. */
  public int zones(ZoneSelection selection, OutputStream out) throws IOException {
    JsonGenerator g = featureCollection(out);
    int n = 0;
    for (Zone z : zones.all()) {
      if (selection.selects(z)) {
        FEATURE.writeValue(g, ZoneStore.feature(z));
        n++;
      }
    }
    end(g);
    return n;
  }

  /** The ids of every stored zone, the area of operation included. */
  public List<String> zoneIds() {
    return zones.all().stream().map(Zone::id).toList();
  }

  /** An incident's properties in the GeoJSON export: the incident list's, and where it is and how ACLED would code it. */
  record ExportProperties(@JsonUnwrapped IncidentFeature.Properties incident, String place, String admin1, List<String> sources,
                          String acledEventType, String acledSubEventType) {}

  private static IncidentFeature feature(Describer.Facts f) {
    return IncidentFeature.of(f.incident(), new ExportProperties(IncidentFeature.properties(f.incident()),
        f.place() == null ? null : f.place().name(), f.admin1(), f.sources().stream().map(SourceType::code).toList(),
        f.eventType().event(), f.eventType().subEvent()));
  }

  private static JsonGenerator featureCollection(OutputStream out) throws IOException {
    JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.writeStartObject();
    g.writeStringField("type", "FeatureCollection");
    g.writeArrayFieldStart("features");
    return g;
  }

  private static void end(JsonGenerator g) throws IOException {
    g.writeEndArray();
    g.writeEndObject();
    g.close();
  }
}
