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
 * The incidents deduplication compares new reports against, indexed by hour.
 * It is a cache of the database, filled day by day through a {@link DayLoader}; the linking transaction
 * clears it whenever another writer has linked reports since (see {@code linker_state.epoch}).
 */
public final class IncidentCache {

  static final long HOUR = 3_600_000L;
  static final long DAY = 24 * HOUR;

  /** Loads the incidents (with their members) whose window, widened by the search margin, meets a day. */
  public interface DayLoader {
    List<IncidentState> load(long dayStartMillis, long dayEndMillis);
  }

  private final Map<Long, List<IncidentState>> byHour = new HashMap<>();
  private final Map<UUID, IncidentState> byId = new HashMap<>();
  private final Map<UUID, IncidentState> byReport = new HashMap<>();
  private final Set<Long> loadedDays = new HashSet<>();
  private final int maxMembers;
  private long members;

  public IncidentCache(int maxMembers) {
    this.maxMembers = maxMembers;
  }

  public void clear() {
    byHour.clear();
    byId.clear();
    byReport.clear();
    loadedDays.clear();
    members = 0;
  }

  public int size() {
    return byId.size();
  }

  /** Incidents whose window (widened by their own precision) may meet [from, to]. */
  List<IncidentState> candidates(long from, long to, DayLoader loader) {
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
    for (long h = Math.floorDiv(from, HOUR); h <= Math.floorDiv(to, HOUR); h++) {
      List<IncidentState> list = byHour.get(h);
      if (list != null) {
        for (IncidentState s : list) {
          if (seen.put(s, Boolean.TRUE) == null) {
            out.add(s);
          }
        }
      }
    }
    return out;
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

  private void index(IncidentState s) {
    long widen = s.precision.widening().toMillis();
    long from = Math.floorDiv(s.start - widen, HOUR);
    long to = Math.floorDiv(s.end + widen, HOUR);
    for (long h = from; h <= to; h++) {
      List<IncidentState> list = byHour.computeIfAbsent(h, k -> new ArrayList<>(4));
      if (!list.contains(s)) {
        list.add(s);
      }
    }
  }
}
