package org.truce.web;

import java.util.List;
import java.util.Map;

/** What the report form offers: the source parties the reader may report for, and the choices of each field. */
public record ReportFormPage(List<String> sourceParties, List<String> sourceTypes, List<String> precisions,
                             List<String> types, List<String> perpetrators, List<String> languages,
                             Map<String, String> words) {}
