package org.truce.incidents;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.truce.audit.AuditLog;
import org.truce.verification.Verification;

/**
 * Re-clusters every report from scratch. Reports are taken in their canonical order (time precision, then
 * occurrence time, then id: {@link Member#canonicalOrder})
 * and linked by the same rule as on arrival, and each incident's id follows from its first report in that
 * order: the same reports therefore give the same incidents whatever order they arrived in.
 */
public final class Rebuild {

  /** What a rebuild changed. */
  public record Summary(int reports, int incidents, int relinked, int retired) {}

  private final Jdbi jdbi;
  private final IncidentStore store;
  private final Matcher matcher;
  private final Clock clock;
  private final AuditLog audit;
  private final Verification verification;

  public Rebuild(Jdbi jdbi, IncidentStore store, Matcher matcher, AuditLog audit, Verification verification, Clock clock) {
    this.jdbi = jdbi;
    this.store = store;
    this.matcher = matcher;
    this.audit = audit;
    this.verification = verification;
    this.clock = clock;
  }

  /** Relinked reports are appended to the audit log in entries of at most this many. */
  static final int AUDIT_CHUNK = 5_000;

  /** The partition the rule gives for these members, independent of their order in the list. */
  public static List<IncidentState> cluster(List<Member> members, Matcher matcher) {
    return cluster(members, matcher, new HashMap<>());
  }

  /** As {@link #cluster(List, Matcher)}, recording in decisions how each report was linked. */
  static List<IncidentState> cluster(List<Member> members, Matcher matcher, Map<UUID, LinkDecision> decisions) {
    List<Member> ordered = new ArrayList<>(members);
    ordered.sort(Member::canonicalOrder);
    Linker linker = new Linker(matcher, Integer.MAX_VALUE);
    Map<UUID, IncidentState> out = new LinkedHashMap<>();
    for (Member m : ordered) {
      LinkDecision d = linker.link(m, null);
      out.put(d.incident().id, d.incident());
      decisions.put(m.reportId(), d);
    }
    return new ArrayList<>(out.values());
  }

  public Summary run() {
    try {
      return runInTransaction();
    } catch (SQLException e) {
      throw new IllegalStateException("rebuild failed, nothing was changed: " + e.getMessage(), e);
    }
  }

  private Summary runInTransaction() throws SQLException {
    return jdbi.inTransaction(h -> {
      h.execute("update linker_state set epoch = epoch + 1 where id = 1");
      // incidents a coordinator merged into or split keep their reports: a rebuild must not undo a correction
      java.util.Set<UUID> curated = Curation.curated(h);
      Map<UUID, UUID> current = new HashMap<>();
      List<Member> members = new ArrayList<>();
      try (PreparedStatement ps = h.getConnection().prepareStatement(
          "select " + IncidentStore.MEMBER_COLUMNS + ", incident_id from reports")) {
        ps.setFetchSize(10_000);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            UUID incident = rs.getObject(18, UUID.class);
            if (curated.contains(incident)) {
              continue;
            }
            Member m = IncidentStore.member(rs, 1);
            members.add(m);
            current.put(m.reportId(), incident);
          }
        }
      }
      Map<UUID, LinkDecision> decisions = new HashMap<>();
      List<IncidentState> clusters = cluster(members, matcher, decisions);
      return write(h, clusters, decisions, current, curated);
    });
  }

  private Summary write(Handle h, List<IncidentState> clusters, Map<UUID, LinkDecision> decisions, Map<UUID, UUID> current,
                        java.util.Set<UUID> curated) throws SQLException {
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    Map<UUID, Boolean> existing = new HashMap<>();
    h.createQuery("select id, merged_into from incidents").map((rs, ctx) -> {
      existing.put(rs.getObject(1, UUID.class), rs.getObject(2) == null);
      return null;
    }).list();
    Map<UUID, UUID> newIncidentOfReport = new HashMap<>();
    for (IncidentState s : clusters) {
      s.stored = existing.containsKey(s.id);
      s.needsReview = false;
      s.reviewCandidates = null;
      for (Member m : s.members) {
        newIncidentOfReport.put(m.reportId(), s.id);
        LinkDecision d = decisions.get(m.reportId());
        if (LinkDecision.REVIEW.equals(d.link())) {
          s.needsReview = true;
          s.reviewCandidates = String.join(",", d.candidates().stream().map(c -> c.incidentId().toString()).toList());
        }
      }
    }
    store.save(h, clusters, now);
    Connection c = h.getConnection();
    int relinked = 0;
    List<Map<String, String>> moves = new ArrayList<>();
    List<String> revived = new ArrayList<>();
    try (PreparedStatement revive = c.prepareStatement("update incidents set merged_into = null where id = ? and merged_into is not null");
         PreparedStatement upd = c.prepareStatement("update reports set incident_id = ?, link = ?, candidates = ? where id = ?");
         PreparedStatement log = c.prepareStatement("insert into report_links(report_id, incident_id, previous_incident_id, link, reason, linked_at)"
             + " values (?, ?, ?, ?, 'rebuild', ?)")) {
      for (IncidentState s : clusters) {
        if (Boolean.FALSE.equals(existing.get(s.id))) {
          revive.setObject(1, s.id);
          revive.addBatch();
          revived.add(s.id.toString());
        }
        for (Member m : s.members) {
          UUID before = current.get(m.reportId());
          if (s.id.equals(before)) {
            continue;
          }
          LinkDecision d = decisions.get(m.reportId());
          String candidates = d.candidates().isEmpty() ? null : org.truce.http.Json.MAPPER.writeValueAsString(d.candidates());
          upd.setObject(1, s.id);
          upd.setString(2, d.link());
          upd.setString(3, candidates);
          upd.setObject(4, m.reportId());
          upd.addBatch();
          log.setObject(1, m.reportId());
          log.setObject(2, s.id);
          log.setObject(3, before);
          log.setString(4, d.link());
          log.setObject(5, now);
          log.addBatch();
          relinked++;
          Map<String, String> move = new LinkedHashMap<>();
          move.put("report", m.reportId().toString());
          move.put("from", before == null ? null : before.toString());
          move.put("to", s.id.toString());
          move.put("link", d.link());
          moves.add(move);
        }
      }
      revive.executeBatch();
      upd.executeBatch();
      log.executeBatch();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    // incidents that no longer stand on their own point to the one their first report now belongs to
    int retired = 0;
    Map<String, String> retiredInto = new java.util.TreeMap<>();
    Map<UUID, UUID> founders = new HashMap<>();
    h.createQuery("select id, founder_report from incidents where merged_into is null").map((rs, ctx) -> {
      founders.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
      return null;
    }).list();
    java.util.Set<UUID> live = new java.util.HashSet<>();
    for (IncidentState s : clusters) {
      live.add(s.id);
    }
    try (PreparedStatement retire = c.prepareStatement("update incidents set merged_into = ?, report_count = 0, updated_at = ? where id = ?")) {
      for (Map.Entry<UUID, UUID> e : founders.entrySet()) {
        if (!live.contains(e.getKey()) && !curated.contains(e.getKey())) {
          retire.setObject(1, newIncidentOfReport.get(e.getValue()));
          retiredInto.put(e.getKey().toString(), String.valueOf(newIncidentOfReport.get(e.getValue())));
          retire.setObject(2, now);
          retire.setObject(3, e.getKey());
          retire.addBatch();
          retired++;
        }
      }
      retire.executeBatch();
    }
    recordInAudit(h, moves, retiredInto, revived);
    // an assessed incident whose reports changed is assessed again: its assessments stay in the history
    java.util.Set<UUID> changed = new java.util.HashSet<>();
    for (Map<String, String> m : moves) {
      changed.add(UUID.fromString(m.get("to")));
      if (m.get("from") != null) {
        changed.add(UUID.fromString(m.get("from")));
      }
    }
    for (UUID id : h.createQuery("select distinct incident_id from assessments").mapTo(UUID.class).list()) {
      if (changed.contains(id)) {
        verification.startNewBasis(h, id, "rebuild", null, AuditLog.Actor.SYSTEM);
      }
    }
    return new Summary(current.size(), clusters.size(), relinked, retired);
  }

  private void recordInAudit(Handle h, List<Map<String, String>> moves, Map<String, String> retiredInto, List<String> revived) {
    for (int i = 0; i < moves.size(); i += AUDIT_CHUNK) {
      List<Map<String, String>> chunk = moves.subList(i, Math.min(moves.size(), i + AUDIT_CHUNK));
      audit.append(h, AuditLog.Actor.SYSTEM, "reports.relink", "rebuild", "rebuild", Map.of("reason", "rebuild", "links", chunk));
    }
    audit.append(h, AuditLog.Actor.SYSTEM, "incidents.rebuild", "rebuild", "rebuild",
        Map.of("relinked", moves.size(), "retired", retiredInto, "revived", revived));
  }
}
