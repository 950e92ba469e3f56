package org.truce.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.truce.audit.AuditLog;
import org.truce.http.Json;
import org.truce.incidents.IncidentCache;
import org.truce.incidents.IncidentState;
import org.truce.incidents.IncidentStore;
import org.truce.incidents.LinkDecision;
import org.truce.incidents.Linker;
import org.truce.incidents.Member;
import org.truce.zones.ZoneIndex;

/**
 * Stores reports and links them to incidents, many per transaction (group commit).
 *
 * <p>All linking goes through one writer per process and, across processes, through the row lock of
 * {@code linker_state}: deduplication must see every earlier report, so linking is serial by design.
 * A report is acknowledged only after its transaction has committed.
 */
public final class Ingest implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Ingest.class);

  /** One report waiting for the writer. */
  private record Pending(ReportInput report, AuditLog.Actor by, CompletableFuture<Outcome> result) {}

  private final Jdbi jdbi;
  private final ReportStore reports;
  private final IncidentStore incidents;
  private final Linker linker;
  private final ZoneIndex zones;
  private final Clock clock;
  private final AuditLog audit;
  private final boolean copy;
  private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(50_000);
  private final int maxGroup;
  private Thread writer;
  private volatile boolean running;

  /**
   * copy: write the audit entries of large groups through PostgreSQL's COPY. audit is null only in the
   * benchmarks that measure what the log costs (`truce bench import|api --audit-cost`).
   */
  public Ingest(Jdbi jdbi, ReportStore reports, IncidentStore incidents, Linker linker, ZoneIndex zones, AuditLog audit,
                boolean copy, Clock clock, int maxGroup) {
    this.audit = audit;
    this.copy = copy;
    this.jdbi = jdbi;
    this.reports = reports;
    this.incidents = incidents;
    this.linker = linker;
    this.zones = zones;
    this.clock = clock;
    this.maxGroup = maxGroup;
  }

  /** Starts the writer thread that serves {@link #submit}. */
  public synchronized Ingest start() {
    if (writer == null) {
      running = true;
      writer = new Thread(this::drain, "truce-ingest");
      writer.setDaemon(true);
      writer.start();
    }
    return this;
  }

  /** Queues reports for the writer; each future completes once its report is committed (or refused). */
  public List<CompletableFuture<Outcome>> submit(List<ReportInput> batch, AuditLog.Actor by) {
    List<CompletableFuture<Outcome>> out = new ArrayList<>(batch.size());
    for (ReportInput r : batch) {
      CompletableFuture<Outcome> f = new CompletableFuture<>();
      try {
        if (!running || !queue.offer(new Pending(r, by, f), 10, TimeUnit.SECONDS)) {
          f.completeExceptionally(new IllegalStateException("the server is overloaded; retry later"));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        f.completeExceptionally(e);
      }
      out.add(f);
    }
    return out;
  }

  private void drain() {
    List<Pending> group = new ArrayList<>(maxGroup);
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        queue.drainTo(group, maxGroup - 1);
        List<ReportInput> inputs = new ArrayList<>(group.size());
        for (Pending p : group) {
          inputs.add(p.report);
        }
        List<AuditLog.Actor> by = new ArrayList<>(group.size());
        for (Pending p : group) {
          by.add(p.by);
        }
        List<Outcome> outcomes = store(inputs, by);
        for (int i = 0; i < group.size(); i++) {
          group.get(i).result.complete(outcomes.get(i));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // a whole group failed: try each report alone so that one bad row cannot sink its neighbours
        for (Pending p : group) {
          try {
            p.result.complete(store(List.of(p.report), p.by).get(0));
          } catch (RuntimeException single) {
            LOG.error("storing report {} failed", p.report.id(), single);
            p.result.completeExceptionally(single);
          }
        }
      } finally {
        group.clear();
      }
    }
  }

  /** Stores and links reports in one transaction on the caller's thread (bulk import). */
  public List<Outcome> store(List<ReportInput> inputs, AuditLog.Actor by) {
    return store(inputs, java.util.Collections.nCopies(inputs.size(), by));
  }

  private synchronized List<Outcome> store(List<ReportInput> inputs, List<AuditLog.Actor> submittedBy) {
    IncidentCache cache = linker.cache();
    try {
      return jdbi.inTransaction(h -> {
        long epoch = claim(h);
        if (epoch - 1 != cacheEpoch) {
          cache.clear();
        }
        List<Outcome> out = link(h, inputs, submittedBy);
        cacheEpoch = epoch;
        if (cache.overCapacity()) {
          cache.clear();
        }
        return out;
      });
    } catch (SQLException e) {
      cache.clear();
      cacheEpoch = -1;
      throw new IllegalStateException("storing reports failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      cache.clear();
      cacheEpoch = -1;
      throw e;
    }
  }

  private long cacheEpoch = -1;

  /** Takes the linking lock for this transaction and returns the new epoch. */
  private static long claim(Handle h) {
    h.execute("update linker_state set epoch = epoch + 1 where id = 1");
    return h.createQuery("select epoch from linker_state where id = 1").mapTo(Long.class).one();
  }

  private List<Outcome> link(Handle h, List<ReportInput> inputs, List<AuditLog.Actor> submittedBy) throws SQLException {
    Map<UUID, ReportStore.Existing> existing = reports.findExisting(h, inputs.stream().map(ReportInput::id).toList());
    Map<UUID, ReportStore.Existing> inThisGroup = new HashMap<>();
    Map<UUID, IncidentState> changed = new LinkedHashMap<>();
    List<ReportStore.Row> rows = new ArrayList<>();
    // one audit entry per submitter per transaction, listing every report it stored: a million-report import
    // appends a hundred entries, not a million (an entry per report cost the import a quarter of its speed)
    Map<AuditLog.Actor, List<Map<String, Object>>> stored = new LinkedHashMap<>();
    List<Outcome> out = new ArrayList<>(inputs.size());
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    IncidentCache.DayLoader loader = (from, to) -> loadDay(h, from, to);
    for (int i = 0; i < inputs.size(); i++) {
      ReportInput r = inputs.get(i);
      ReportStore.Existing known = existing.getOrDefault(r.id(), inThisGroup.get(r.id()));
      if (known != null) {
        out.add(known.contentHash().equals(r.contentHash()) ? replay(known) : Outcome.conflict(r.id()));
        continue;
      }
      ZoneIndex.Placement place = zones.place(r.lat(), r.lon(), r.occurredAt().toLocalDate());
      Member m = member(r, place.zoneId());
      LinkDecision d = linker.link(m, loader);
      changed.put(d.incident().id(), d.incident());
      String candidates = d.candidates().isEmpty() ? null : ReportStore.toJson(d.candidates());
      AuditLog.Actor by = submittedBy.get(i) == null ? AuditLog.Actor.SYSTEM : submittedBy.get(i);
      rows.add(new ReportStore.Row(r, now, by.userId(), place.zoneId(), place.nearestZoneId(),
          place.nearestZoneKm(), d.incident().id(), d.link(), candidates));
      ReportStore.Existing storedReport = new ReportStore.Existing(r.id(), r.contentHash(), d.incident().id(), place.zoneId(),
          place.nearestZoneId(), place.nearestZoneKm(), d.link(), candidates);
      inThisGroup.put(r.id(), storedReport);
      stored.computeIfAbsent(by, k -> new ArrayList<>()).add(auditChange(r.id(), storedReport));
      out.add(created(storedReport));
    }
    // incidents first: nothing references them, and readers then never see a report without its incident
    incidents.save(h, new ArrayList<>(changed.values()), now);
    reports.insert(h, rows);
    if (audit == null) {
      return out;
    }
    List<AuditLog.Change> changes = new ArrayList<>();
    stored.forEach((by, list) -> changes.add(new AuditLog.Change(by, "reports.store", "reports",
        String.valueOf(list.get(0).get("id")), Map.of("reports", list))));
    audit.appendAll(h, changes, copy);
    return out;
  }

  private List<IncidentState> loadDay(Handle h, long from, long to) {
    try {
      return incidents.loadDay(h, from, to, linker.searchMarginMillis());
    } catch (SQLException e) {
      throw new IllegalStateException("loading incidents for deduplication failed: " + e.getMessage(), e);
    }
  }

  /** What the log keeps of a new report: its content's hash (which commits to every field) and its link. */
  private static Map<String, Object> auditChange(UUID id, ReportStore.Existing e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id.toString());
    m.put("contentHash", e.contentHash());
    m.put("incident", e.incidentId().toString());
    m.put("link", e.link());
    m.put("zone", e.zoneId());
    return m;
  }

  static Member member(ReportInput r, String zoneId) {
    return new Member(r.id(), r.sourceParty(), r.sourceType().code(), r.occurredAt().toInstant().toEpochMilli(),
        r.until().toInstant().toEpochMilli(), r.timePrecision(), r.lat(), r.lon(), r.precisionKm(), zoneId, r.type(),
        r.allegedPerpetrator(), r.civiliansKilled(), r.civiliansInjured(), r.combatantsKilled(), r.combatantsInjured(),
        Member.clip(r.description()));
  }

  private static Outcome created(ReportStore.Existing e) {
    return outcome(201, e);
  }

  private static Outcome replay(ReportStore.Existing e) {
    return outcome(200, e);
  }

  private static Outcome outcome(int status, ReportStore.Existing e) {
    JsonNode candidates;
    try {
      candidates = e.candidates() == null ? Json.MAPPER.createArrayNode() : Json.MAPPER.readTree(e.candidates());
    } catch (java.io.IOException ex) {
      candidates = Json.MAPPER.createArrayNode();
    }
    if (!(candidates instanceof ArrayNode)) {
      candidates = Json.MAPPER.createArrayNode();
    }
    return new Outcome(status, e.id(), e.incidentId(), e.zoneId(), e.nearestZone(), e.nearestZoneKm(), e.link(), candidates);
  }

  @Override
  public void close() {
    running = false;
    Thread w = writer;
    if (w != null) {
      try {
        w.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
