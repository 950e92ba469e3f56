package org.truce.incidents;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.truce.incidents.LinkDecision.Candidate;

/** Links one report to the incident it describes, or opens a new one; not thread-safe (one linker per writer). */
public final class Linker {

  private final Matcher matcher;
  private final IncidentCache cache;

  /** A linker whose cache holds up to maxCachedReports reports' incidents. */
  public Linker(Matcher matcher, int maxCachedReports) {
    this.matcher = matcher;
    this.cache = new IncidentCache(maxCachedReports, matcher.settings().distanceKm() / 2);
  }

  /** The widest time margin any report can be matched across (bounds what the cache must load). */
  public long searchMarginMillis() {
    return matcher.searchMarginMillis(org.truce.reports.TimePrecision.DAY.widening().toMillis());
  }

  public IncidentCache cache() {
    return cache;
  }

  /** Decides and applies the link of m; loader fills the cache from the database (null when the cache is complete). */
  public LinkDecision link(Member m, IncidentCache.DayLoader loader) {
    // incidents sit in the hour buckets of their window widened by their own precision, so the look-up
    // only widens by the report's side of the limit
    long margin = (long) matcher.allowedGapMillis(m.precision().widening().toMillis(), 0);
    record Scored(IncidentState incident, Matcher.Fit fit) {}
    List<Scored> fits = new ArrayList<>();
    // the distance limit is D + hypot(p(r), p(i)) <= D + p(r) + p(i): the incident's side covers p(i) + D/2
    double radiusKm = m.precisionKm() + matcher.settings().distanceKm() / 2;
    for (IncidentState s : cache.candidates(m.startMillis() - margin, m.endMillis() + margin, m.lat(), m.lon(), radiusKm, loader)) {
      Matcher.Fit fit = matcher.fit(m, s);
      if (fit != null) {
        fits.add(new Scored(s, fit));
      }
    }
    if (fits.isEmpty()) {
      IncidentState s = IncidentState.open(m);
      cache.put(s);
      return new LinkDecision(s, LinkDecision.NEW, List.of());
    }
    // ties broken by id so that the outcome never depends on hash or arrival order
    fits.sort(Comparator.comparingDouble((Scored x) -> x.fit.score()).thenComparing(x -> x.incident.id));
    Scored best = fits.get(0);
    boolean ambiguous = fits.size() > 1
        && fits.get(1).fit.score() - best.fit.score() < matcher.settings().ambiguityMargin();
    boolean edge = best.fit.edge() > matcher.settings().reviewMargin();
    best.incident.add(m);
    cache.joined(best.incident, m);
    if (!ambiguous && !edge) {
      return new LinkDecision(best.incident, LinkDecision.EXISTING, List.of());
    }
    List<Candidate> candidates = fits.stream().limit(5)
        .map(x -> new Candidate(x.incident.id, Math.round(x.fit.score() * 1000) / 1000.0)).toList();
    best.incident.needsReview = true;
    best.incident.reviewCandidates = candidates.stream().map(c -> c.incidentId().toString())
        .reduce((a, b) -> a + "," + b).orElse(null);
    return new LinkDecision(best.incident, LinkDecision.REVIEW, candidates);
  }
}
