package org.truce.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.truce.scenario.IncidentSampler.TrueIncident;
import org.truce.scenario.ScenarioGenerator.Generated;
import org.truce.scenario.ScenarioGenerator.Options;

/**
 * The scenario as a lazy sequence of reports in the order they are received. Works one day at a time: that
 * day's reports are drawn, sorted by reception and emitted; those received after midnight wait for the next
 * day's batch, so the order is strictly by reception while memory holds one day only.
 */
final class ScenarioStream implements Iterator<Generated> {

  static final ZoneOffset SYRIA = ZoneOffset.ofHours(3);
  private static final long DAY = 86_400;
  private static final Comparator<Draft> BY_RECEPTION =
      Comparator.comparingLong(Draft::receivedSecond).thenComparingLong(Draft::sequence);

  private final Options options;
  private final IncidentSampler incidents;
  private final ReportSampler reports;
  private final JsonNodeFactory json = JsonNodeFactory.instance;
  private final long[] sequence = {0};
  private final Map<String, Integer> referenceCounters = new HashMap<>();
  private List<Draft> batch = List.of();
  private List<Draft> pending = new ArrayList<>();
  private String batchDate;
  private int position;
  private int day;
  private long incidentCount;
  private long reportCount;

  ScenarioStream(Options options) {
    this.options = options;
    Geography geo = Geography.shared();
    // two streams, so that the same seed gives the same true incidents whatever the noise
    Rand incidentRandom = new Rand(options.seed());
    this.incidents = new IncidentSampler(incidentRandom, geo, options.scale());
    this.reports = new ReportSampler(incidentRandom.split(), geo, options.noise());
  }

  long incidents() {
    return incidentCount;
  }

  long reports() {
    return reportCount;
  }

  @Override
  public boolean hasNext() {
    while (position >= batch.size()) {
      if (!refill()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Generated next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Draft d = batch.get(position);
    batch.set(position++, null); // let emitted drafts go
    reportCount++;
    return new Generated(toJson(d), d.incidentId());
  }

  private boolean refill() {
    if (day >= options.days() && pending.isEmpty()) {
      return false;
    }
    long dayStart = options.start().plusDays(day).atStartOfDay(SYRIA).toEpochSecond();
    List<Draft> drafts = pending;
    pending = new ArrayList<>();
    if (day < options.days()) {
      for (TrueIncident t : incidents.day(day, dayStart)) {
        incidentCount++;
        reports.reports(t, drafts, sequence);
      }
    }
    drafts.sort(BY_RECEPTION);
    int cut = drafts.size();
    if (day < options.days()) {
      while (cut > 0 && drafts.get(cut - 1).receivedSecond() >= dayStart + DAY) {
        cut--;
      }
      pending.addAll(drafts.subList(cut, drafts.size()));
    }
    batch = new ArrayList<>(drafts.subList(0, cut));
    batchDate = options.start().plusDays(day).toString();
    referenceCounters.clear();
    position = 0;
    day++;
    return true;
  }

  static long localMidnight(long epochSecond) {
    long offset = SYRIA.getTotalSeconds();
    return Math.floorDiv(epochSecond + offset, DAY) * DAY - offset;
  }

  private ObjectNode toJson(Draft d) {
    ObjectNode r = json.objectNode();
    r.put("id", new UUID(d.idHigh(), d.idLow()).toString());
    // a source numbers its reports by the day it received them, in the order received
    int n = referenceCounters.merge(d.sourceParty(), 1, Integer::sum);
    ObjectNode source = r.putObject("source");
    source.put("type", d.sourceType());
    source.put("party", d.sourceParty());
    source.put("reference", d.sourceParty() + "/" + batchDate + "/" + pad4(n));
    String at = local(d.occurredSecond());
    r.put("occurredAt", at + "+03:00");
    if (d.occurredUntilSecond() != Draft.NONE) {
      r.put("occurredUntil", local(d.occurredUntilSecond()) + "+03:00");
    }
    r.put("timePrecision", d.timePrecision());
    ObjectNode location = r.putObject("location");
    location.put("lat", d.lat());
    location.put("lon", d.lon());
    location.put("precisionKm", d.precisionKm());
    if (d.namesPlace()) {
      location.put("placeName", d.place().name());
    }
    r.put("type", d.type());
    r.put("allegedPerpetrator", d.perpetrator());
    ArrayNode weapons = r.putArray("weapons");
    d.weapons().forEach(weapons::add);
    ObjectNode casualties = r.putObject("casualties");
    casualties.put("civiliansKilled", d.civiliansKilled());
    casualties.put("civiliansInjured", d.civiliansInjured());
    casualties.put("combatantsKilled", d.combatantsKilled());
    casualties.put("combatantsInjured", d.combatantsInjured());
    r.put("description", Descriptions.describe(d, at));
    r.put("language", d.language());
    return r;
  }

  /** "yyyy-MM-ddTHH:mm:ss" in Syria's local time. */
  private static String local(long epochSecond) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, SYRIA);
    StringBuilder sb = new StringBuilder(19);
    sb.append(t.getYear()).append('-');
    two(sb, t.getMonthValue()).append('-');
    two(sb, t.getDayOfMonth()).append('T');
    two(sb, t.getHour()).append(':');
    two(sb, t.getMinute()).append(':');
    return two(sb, t.getSecond()).toString();
  }

  private static StringBuilder two(StringBuilder sb, int v) {
    return (v < 10 ? sb.append('0') : sb).append(v);
  }

  private static String pad4(int n) {
    String s = Integer.toString(n);
    return s.length() >= 4 ? s : "0000".substring(s.length()) + s;
  }
}
