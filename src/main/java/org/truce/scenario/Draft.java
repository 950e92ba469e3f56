package org.truce.scenario;

import java.util.List;

/**
 * One report before it is written out: every random draw already made, kept compact so that a whole day of
 * reports fits in memory for sorting by reception time. {@code occurredUntil} is {@link #NONE} when absent.
 */
record Draft(
    long sequence,
    long receivedSecond,
    String incidentId,
    long idHigh,
    long idLow,
    String sourceType,
    String sourceParty,
    String language,
    long occurredSecond,
    long occurredUntilSecond,
    String timePrecision,
    double lat,
    double lon,
    double precisionKm,
    Geography.Place place,
    boolean namesPlace,
    String type,
    String perpetrator,
    List<String> weapons,
    int civiliansKilled,
    int civiliansInjured,
    int combatantsKilled,
    int combatantsInjured,
    int textChoice) {

  static final long NONE = Long.MIN_VALUE;
}
