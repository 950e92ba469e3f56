package org.truce.web;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the map page shows: the filters as the address gives them (from, to as dates; the chosen zones, types,
 * perpetrators and findings), what may be chosen, the span of days the time slider covers, and the words its
 * script needs.
 */
public record DashboardPage(String from, String to, Set<String> zones, Set<String> types, Set<String> perpetrators,
                            Set<String> findings, List<String> allZones, List<String> allTypes, List<String> allParties,
                            List<String> allFindings, String firstDay, long sliderDays, Map<String, String> words) {

  public boolean chosen(Set<String> set, String value) {
    return set.contains(value);
  }
}
