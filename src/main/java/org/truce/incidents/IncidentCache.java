package org.truce.incidents;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The incidents deduplication compares new reports against, indexed by hour and by a grid of cells of
 * {@value #CELL_DEGREES} degrees, so that a look-up touches only the few incidents near in time and place
 * even at hundreds of incidents an hour.
 * It is a cache of the database, filled day by day through a {@link DayLoader}; the linking transaction
 * clears it whenever another writer has linked reports since (see {@code linker_state.epoch}).
 */
public final class IncidentCache {

  static final long HOUR = 3_600_000L;
  static final double CELL_DEGREES = 0.05;
  static final long DAY = 24 * HOUR;

  /** Loads the incidents (with their members) whose window, widened by the search margin, meets a day. */
  public interface DayLoader {
    List<IncidentState> load(long dayStartMillis, long dayEndMillis);
  }

  private final Map<Long, List<IncidentState>> byCell = new HashMap<>();
  private final Map<UUID, IncidentState> byId = new HashMap<>();
  private final Map<UUID, IncidentState> byReport = new HashMap<>();
  private final Set<Long> loadedDays = new HashSet<>();
  private final int maxMembers;
  private long members;

  private final double reachKm;

  /** A cache holding up to maxMembers reports; reachKm is the distance tolerance's share incidents cover. */
  public IncidentCache(int maxMembers, double reachKm) {
    this.maxMembers = maxMembers;
    this.reachKm = reachKm;
  }

  public void clear() {
    byCell.clear();
    byId.clear();
    byReport.clear();
    loadedDays.clear();
    members = 0;
  }

  public int size() {
    return byId.size();
  }

  /**
   * Incidents whose window (widened by their own precision) may meet [from, to] and whose place may lie within
   * radiusKm of (lat, lon) plus their own reach (see {@link #index}).
   */
  List<IncidentState> candidates(long from, long to, double lat, double lon, double radiusKm, DayLoader loader) {
    if (loader != null) {
      for (long day = Math.floorDiv(from, DAY); day <= Math.floorDiv(to, DAY); day++) {
        if (loadedDays.add(day)) {
          for (IncidentState s : loader.load(day * DAY, (day + 1) * DAY)) {
            if (!byId.containsKey(s.id)) {
              put(s);
            }
          }
        }
      }
    }
    Map<IncidentState, Boolean> seen = new IdentityHashMap<>();
    List<IncidentState> out = new ArrayList<>();
    int[] cells = cells(lat, lon, radiusKm);
    for (long h = Math.floorDiv(from, HOUR); h <= Math.floorDiv(to, HOUR); h++) {
      for (int cy = cells[0]; cy <= cells[1]; cy++) {
        for (int cx = cells[2]; cx <= cells[3]; cx++) {
          List<IncidentState> list = byCell.get(key(h, cy, cx));
          if (list != null) {
            for (IncidentState s : list) {
              if (seen.put(s, Boolean.TRUE) == null) {
                out.add(s);
              }
            }
          }
        }
      }
    }
    return out;
  }

  /** Grid rows and columns [y0, y1, x0, x1] covering a circle of radiusKm around a point. */
  static int[] cells(double lat, double lon, double radiusKm) {
    double dLat = org.truce.zones.Geo.latDegrees(radiusKm);
    double dLon = org.truce.zones.Geo.lonDegrees(radiusKm, lat);
    return new int[] {(int) Math.floor((lat - dLat) / CELL_DEGREES), (int) Math.floor((lat + dLat) / CELL_DEGREES),
        (int) Math.floor((lon - dLon) / CELL_DEGREES), (int) Math.floor((lon + dLon) / CELL_DEGREES)};
  }

  private static long key(long hour, int cy, int cx) {
    return (hour << 26) ^ ((long) Math.floorMod(cy, 8192) << 13) ^ Math.floorMod(cx, 8192);
  }

  void put(IncidentState s) {
    byId.put(s.id, s);
    for (Member m : s.members) {
      byReport.put(m.reportId(), s);
    }
    members += s.members.size();
    index(s);
  }

  /** Records that m joined s (s's window may have grown). */
  void joined(IncidentState s, Member m) {
    byReport.put(m.reportId(), s);
    members++;
    index(s);
  }

  IncidentState get(UUID id) {
    return byId.get(id);
  }

  public boolean overCapacity() {
    return members > maxMembers;
  }

  /**
   * Files s under every hour of its window widened by its time precision, and every cell within its reach:
   * its location precision plus the reach of the distance tolerance a look-up does not cover.
   */
  private void index(IncidentState s) {
    long widen = s.precision.widening().toMillis();
    long from = Math.floorDiv(s.start - widen, HOUR);
    long to = Math.floorDiv(s.end + widen, HOUR);
    int[] cells = cells(s.lat, s.lon, s.precisionKm + reachKm);
    for (long h = from; h <= to; h++) {
      for (int cy = cells[0]; cy <= cells[1]; cy++) {
        for (int cx = cells[2]; cx <= cells[3]; cx++) {
          List<IncidentState> list = byCell.computeIfAbsent(key(h, cy, cx), k -> new ArrayList<>(4));
          if (!list.contains(s)) {
            list.add(s);
          }
        }
      }
    }
  }
}
