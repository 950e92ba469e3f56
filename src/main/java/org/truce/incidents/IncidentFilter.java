package org.truce.incidents;

import java.time.OffsetDateTime;
import java.util.List;

/** Filters of the incident list; empty lists and nulls mean "any". */
public record IncidentFilter(
    OffsetDateTime from,
    OffsetDateTime to,
    List<String> zones,
    List<String> types,
    List<String> perpetrators,
    List<String> findings,
    String text) {}
