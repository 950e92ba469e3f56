package org.truce.exports;

import java.util.List;
import org.truce.incidents.Incident;

/**
 * One incident as an export reads it: the incident, the kinds of source of its reports, and the party and text of
 * the report that opened it (null when that report has since been moved to another incident). The text is shown
 * only to callers who may read that party's reports.
 */
record ExportRow(Incident incident, List<String> sourceTypes, String founderParty, String founderDescription) {}
