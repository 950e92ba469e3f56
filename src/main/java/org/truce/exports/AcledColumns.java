package org.truce.exports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.truce.incidents.Incident;

/**
 * The ACLED-style CSV: ACLED's own columns, in ACLED's order, one row per incident. How each value is derived is
 * docs/exports.md.
 */
final class AcledColumns {

  private AcledColumns() {}

  static List<Column> of(Country country) {
    List<Column> c = new ArrayList<>();
    c.add(col("event_id_cnty", f -> country.iso3() + "-" + f.incident().id()));
    c.add(col("event_date", f -> f.firstDate().toString()));
    c.add(col("year", f -> f.firstDate().getYear()));
    c.add(col("time_precision", f -> AcledCodes.timePrecision(f.firstDate(), f.lastDate())));
    c.add(col("disorder_type", f -> f.eventType().disorder()));
    c.add(col("event_type", f -> f.eventType().event()));
    c.add(col("sub_event_type", f -> f.eventType().subEvent()));
    c.add(col("actor1", Describer.Facts::perpetratorName));
    c.add(col("assoc_actor_1", f -> null));
    c.add(col("inter1", f -> AcledCodes.inter(f.perpetrator())));
    c.add(col("actor2", f -> f.eventType().againstCivilians() ? "Civilians (" + country.name() + ")" : null));
    c.add(col("assoc_actor_2", f -> null));
    c.add(col("inter2", AcledColumns::inter2));
    c.add(col("interaction", f -> AcledCodes.interaction(AcledCodes.inter(f.perpetrator()), inter2(f))));
    c.add(col("civilian_targeting", f -> f.eventType().againstCivilians() ? "Civilian targeting" : null));
    c.add(col("iso", f -> country.isoNumeric()));
    c.add(col("region", f -> country.region()));
    c.add(col("country", f -> country.name()));
    c.add(col("admin1", Describer.Facts::admin1));
    c.add(col("admin2", f -> null));
    c.add(col("admin3", f -> null));
    c.add(col("location", f -> f.place() == null ? null : f.place().name()));
    c.add(col("latitude", f -> degrees(f.incident().location().lat())));
    c.add(col("longitude", f -> degrees(f.incident().location().lon())));
    c.add(col("geo_precision", f -> f.incident().location().geoPrecision()));
    c.add(col("source", Describer.Facts::sourceNames));
    c.add(col("source_scale", f -> AcledCodes.sourceScale(f.sources())));
    c.add(col("notes", Describer.Facts::notes));
    c.add(col("fatalities", f -> AcledCodes.fatalities(f.incident())));
    c.add(col("tags", f -> tags(f.incident())));
    c.add(col("timestamp", f -> f.incident().updatedAt().toEpochSecond()));
    return List.copyOf(c);
  }

  private static Column col(String name, java.util.function.Function<Describer.Facts, Object> value) {
    return new Column(name, null, value);
  }

  private static Integer inter2(Describer.Facts f) {
    return f.eventType().againstCivilians() ? AcledCodes.CIVILIANS : null;
  }

  /** Degrees to 4 decimals (about 10 m), as ACLED gives them. */
  static BigDecimal degrees(double d) {
    return BigDecimal.valueOf(d).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
  }

  /** What ACLED's columns have no place for: the mechanism's finding, the zone, every alleged perpetrator. */
  private static String tags(Incident i) {
    StringBuilder t = new StringBuilder("finding=").append(i.finding());
    if (i.zone() != null) {
      t.append("; zone=").append(i.zone());
    }
    if (i.allegedPerpetrators().size() > 1) {
      t.append("; alleged perpetrators=").append(String.join(",", i.allegedPerpetrators()));
    }
    return t.toString();
  }
}
