package org.truce.exports;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.truce.incidents.Estimate;
import org.truce.incidents.Incident;

/**
 * The HXL-tagged CSV: a row of headers, a row of HXL 1.1 hashtags with attributes, then one row per incident.
 * Casualty columns hold best estimates and are empty where no report gave a figure.
 */
final class HxlColumns {

  private HxlColumns() {}

  static List<Column> of(Country country) {
    List<Column> c = new ArrayList<>();
    c.add(new Column("Incident", "#event +id", f -> f.incident().id().toString()));
    c.add(new Column("Date", "#date +occurred", f -> f.firstDate().toString()));
    c.add(new Column("Start", "#date +start", f -> f.incident().start().toInstant().toString()));
    c.add(new Column("End", "#date +end", f -> f.incident().end().toInstant().toString()));
    c.add(new Column("Violation type", "#event +type", f -> f.incident().type()));
    c.add(new Column("ACLED event type", "#event +type +acled", f -> f.eventType().event()));
    c.add(new Column("ACLED sub-event type", "#event +type +acled +sub", f -> f.eventType().subEvent()));
    c.add(new Column("Finding", "#status +finding", f -> f.incident().finding()));
    c.add(new Column("Alleged perpetrator", "#group +perpetrator +name", Describer.Facts::perpetratorName));
    c.add(new Column("Alleged perpetrator code", "#group +perpetrator +code", f -> f.incident().allegedPerpetrator()));
    c.add(new Column("Country", "#country +name", f -> country.name()));
    c.add(new Column("Country code", "#country +code", f -> country.iso3()));
    c.add(new Column("Governorate", "#adm1 +name", Describer.Facts::admin1));
    c.add(new Column("Nearest place", "#loc +name", f -> f.place() == null ? null : f.place().name()));
    c.add(new Column("Zone", "#loc +zone +code", f -> f.incident().zone()));
    c.add(new Column("Latitude", "#geo +lat", f -> AcledColumns.degrees(f.incident().location().lat())));
    c.add(new Column("Longitude", "#geo +lon", f -> AcledColumns.degrees(f.incident().location().lon())));
    c.add(new Column("Precision (km)", "#geo +precision +km", f -> java.math.BigDecimal.valueOf(f.incident().location().precisionKm())));
    c.add(new Column("Reports", "#meta +reports +num", f -> f.incident().reportCount()));
    c.add(new Column("Sources", "#meta +source", Describer.Facts::sourceNames));
    c.add(new Column("Killed", "#affected +killed", f -> sum(f.incident(), "civiliansKilled", "combatantsKilled")));
    c.add(new Column("Injured", "#affected +injured", f -> sum(f.incident(), "civiliansInjured", "combatantsInjured")));
    c.add(new Column("Civilians killed", "#affected +killed +civilians", best("civiliansKilled")));
    c.add(new Column("Civilians injured", "#affected +injured +civilians", best("civiliansInjured")));
    c.add(new Column("Combatants killed", "#affected +killed +combatants", best("combatantsKilled")));
    c.add(new Column("Combatants injured", "#affected +injured +combatants", best("combatantsInjured")));
    c.add(new Column("Description", "#description", Describer.Facts::notes));
    c.add(new Column("Updated", "#date +updated", f -> f.incident().updatedAt().toInstant().toString()));
    return List.copyOf(c);
  }

  private static Function<Describer.Facts, Object> best(String key) {
    return f -> {
      Estimate e = f.incident().casualties().get(key);
      return e == null ? null : e.best();
    };
  }

  /** The sum of two best estimates; null when neither was given. */
  private static Integer sum(Incident i, String a, String b) {
    Estimate x = i.casualties().get(a);
    Estimate y = i.casualties().get(b);
    Integer bx = x == null ? null : x.best();
    Integer by = y == null ? null : y.best();
    if (bx == null && by == null) {
      return null;
    }
    return (bx == null ? 0 : bx) + (by == null ? 0 : by);
  }
}
