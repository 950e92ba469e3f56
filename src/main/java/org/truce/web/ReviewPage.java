package org.truce.web;

import java.util.List;
import org.truce.incidents.Incident;

/** The review queue of the reader's guarantor: a page of incidents with why each awaits it, and the next page's cursor. */
public record ReviewPage(String guarantor, List<Item> items, String next, String justAssessed) {

  /** An incident of the queue and its reasons (awaiting_assessment, flagged_by_deduplication). */
  public record Item(Incident incident, List<String> reasons) {}
}
