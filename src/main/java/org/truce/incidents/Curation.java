package org.truce.incidents;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.truce.access.User;
import org.truce.audit.AuditLog;
import org.truce.http.ApiException;
import org.truce.http.FieldError;
import org.truce.http.Json;
import org.truce.verification.Verification;

/**
 * Coordinators' corrections where deduplication got it wrong: merging two incidents and splitting reports out of
 * one. Both run under the linking lock (so no report links meanwhile and every server reloads its cache), keep
 * every report's moves in report_links, and start a new basis of assessment for each incident whose reports
 * changed: the assessments made before stay in the history, and the guarantors assess again.
 */
public final class Curation {

  /** What a merge or split did, as the API answers it. */
  public record Outcome(UUID curation, String kind, UUID incident, UUID other, List<UUID> reports,
                        Map<String, Object> assessments) {}

  private final Jdbi jdbi;
  private final IncidentStore store;
  private final Verification verification;
  private final AuditLog audit;
  private final Clock clock;

  public Curation(Jdbi jdbi, IncidentStore store, Verification verification, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.store = store;
    this.verification = verification;
    this.audit = audit;
    this.clock = clock;
  }

  /** Moves every report of incident {@code from} into {@code into}; {@code from} then points to {@code into}. */
  public Outcome mergeIncidents(User coordinator, UUID from, UUID into, String reason) {
    if (from.equals(into)) {
      throw ApiException.invalid(List.of(new FieldError("into", "must be another incident than the one merged")));
    }
    return inTransaction(h -> {
      lockLinking(h);
      Locked a = lock(h, from, null);
      Locked b = lock(h, into, "into");
      OffsetDateTime now = now();
      AuditLog.Actor actor = new AuditLog.Actor(coordinator.id(), coordinator.party());
      UUID curation = UUID.randomUUID();
      List<Member> moved = members(h, from);
      IncidentState target = new IncidentState(into, b.founder);
      target.stored = true;
      target.members.addAll(members(h, into));
      target.members.addAll(moved);
      // flags either incident had to a third one stay; flags between the two are resolved by the merge
      List<String> candidates = java.util.stream.Stream.concat(b.candidates.stream(), a.candidates.stream()).distinct()
          .filter(c -> !c.equals(from.toString()) && !c.equals(into.toString())).toList();
      target.needsReview = !candidates.isEmpty();
      target.reviewCandidates = candidates.isEmpty() ? null : String.join(",", candidates);
      target.recompute();
      store.save(h, List.of(target), now);
      List<UUID> ids = moved.stream().map(Member::reportId).toList();
      relink(h, ids, from, into, "merge", now);
      h.createUpdate("update incidents set merged_into = :into, report_count = 0, needs_review = false,"
              + " review_candidates = null, updated_at = :at where id = :id")
          .bind("into", into).bind("at", now).bind("id", from).execute();
      Map<String, Object> fate = new LinkedHashMap<>();
      fate.put(from.toString(), a.current + " current assessment(s) kept in the history of the merged incident");
      fate.put(into.toString(), b.current + " current assessment(s) superseded by a new basis: every guarantor assesses again");
      verification.startNewBasis(h, into, "merge", curation.toString(), actor);
      return record(h, new Outcome(curation, "merge", from, into, ids, fate), reason, actor, now);
    });
  }

  /** Moves the listed reports of an incident into a new incident; the rest stay. */
  public Outcome splitIncident(User coordinator, UUID incident, List<UUID> reports, String reason) {
    return inTransaction(h -> {
      lockLinking(h);
      Locked a = lock(h, incident, null);
      List<Member> all = members(h, incident);
      Set<UUID> ofIncident = new HashSet<>();
      all.forEach(m -> ofIncident.add(m.reportId()));
      List<FieldError> errors = new ArrayList<>();
      for (int i = 0; i < reports.size(); i++) {
        if (!ofIncident.contains(reports.get(i))) {
          errors.add(new FieldError("reports[" + i + "]", "is not a report of incident " + incident));
        }
      }
      if (errors.isEmpty() && new HashSet<>(reports).size() == all.size()) {
        errors.add(new FieldError("reports", "must leave at least one report in the incident; to move them all, merge it"));
      }
      if (!errors.isEmpty()) {
        throw ApiException.invalid(errors);
      }
      OffsetDateTime now = now();
      AuditLog.Actor actor = new AuditLog.Actor(coordinator.id(), coordinator.party());
      UUID curation = UUID.randomUUID();
      Set<UUID> moving = new HashSet<>(reports);
      IncidentState rest = new IncidentState(incident, a.founder);
      rest.stored = true;
      List<Member> out = new ArrayList<>();
      for (Member m : all) {
        (moving.contains(m.reportId()) ? out : rest.members).add(m);
      }
      out.sort(Member::canonicalOrder);
      rest.needsReview = !a.candidates.isEmpty();
      rest.reviewCandidates = a.candidates.isEmpty() ? null : String.join(",", a.candidates);
      rest.recompute();
      IncidentState split = new IncidentState(UUID.randomUUID(), out.get(0).reportId());
      split.members.addAll(out);
      split.recompute();
      store.save(h, List.of(rest, split), now);
      List<UUID> ids = out.stream().map(Member::reportId).toList();
      relink(h, ids, incident, split.id, "split", now);
      Map<String, Object> fate = new LinkedHashMap<>();
      fate.put(incident.toString(), a.current + " current assessment(s) superseded by a new basis: every guarantor assesses again");
      fate.put(split.id.toString(), "a new incident: open, awaiting every guarantor's assessment");
      verification.startNewBasis(h, incident, "split", curation.toString(), actor);
      return record(h, new Outcome(curation, "split", incident, split.id, ids, fate), reason, actor, now);
    });
  }

  /** Incidents that coordinators merged into or split: `truce incidents rebuild` keeps their reports as they are. */
  static Set<UUID> curated(Handle h) {
    Set<UUID> out = new HashSet<>();
    h.createQuery("select kind, incident_id, other_id from incident_curations").map((rs, ctx) -> {
      if ("split".equals(rs.getString(1))) {
        out.add(rs.getObject(2, UUID.class));
      }
      out.add(rs.getObject(3, UUID.class));
      return null;
    }).list();
    return out;
  }

  /**
   * The merges and splits an incident took part in, oldest first; named shows who made them (for the
   * secretariat, whose coordinators they are), otherwise that is left out.
   */
  public List<Map<String, Object>> history(Handle h, UUID incident, boolean named) {
    return h.createQuery("select c.id, c.kind, c.incident_id, c.other_id, c.reports, c.reason, c.assessments, c.curated_by,"
            + " u.name, c.curated_at from incident_curations c left join users u on u.id = c.curated_by"
            + " where c.incident_id = :id or c.other_id = :id order by c.seq")
        .bind("id", incident)
        .map((rs, ctx) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("id", rs.getObject(1, UUID.class));
          m.put("kind", rs.getString(2));
          m.put("incident", rs.getObject(3, UUID.class));
          m.put("other", rs.getObject(4, UUID.class));
          m.put("reports", tree(rs.getString(5)));
          m.put("reason", rs.getString(6));
          m.put("assessments", tree(rs.getString(7)));
          m.put("by", named ? rs.getObject(8, UUID.class) : null);
          m.put("byName", named ? rs.getString(9) : null);
          m.put("at", IncidentStore.utc(rs.getObject(10, OffsetDateTime.class)));
          return m;
        }).list();
  }

  private Outcome inTransaction(org.jdbi.v3.core.HandleCallback<Outcome, SQLException> work) {
    try {
      return jdbi.inTransaction(work);
    } catch (SQLException e) {
      throw new IllegalStateException("the correction failed, nothing was changed: " + e.getMessage(), e);
    }
  }

  private record Locked(UUID founder, List<String> candidates, int current) {}

  private static void lockLinking(Handle h) {
    h.execute("update linker_state set epoch = epoch + 1 where id = 1");
  }

  /** Locks a live incident; unknown is 404 for the path's incident, 422 for one named in the body (field). */
  private Locked lock(Handle h, UUID id, String field) {
    var row = h.createQuery("select founder_report, review_candidates, merged_into, basis from incidents where id = :id for update")
        .bind("id", id)
        .map((rs, ctx) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getInt(4)})
        .findOne();
    if (row.isEmpty()) {
      throw field == null ? ApiException.notFound("Incident " + id)
          : ApiException.invalid(List.of(new FieldError(field, "no incident " + id)));
    }
    Object[] r = row.get();
    if (r[2] != null) {
      throw ApiException.conflict("incident " + id + " was already merged into " + r[2],
          List.of(new FieldError(field == null ? "id" : field, "merged into " + r[2] + "; use that incident")));
    }
    List<String> candidates = r[1] == null ? List.of() : Arrays.stream(((String) r[1]).split(",")).filter(s -> !s.isEmpty()).toList();
    int current = h.createQuery("select count(distinct guarantor) from assessments where incident_id = :id and basis = :b")
        .bind("id", id).bind("b", (int) r[3]).mapTo(Integer.class).one();
    return new Locked((UUID) r[0], candidates, current);
  }

  private static List<Member> members(Handle h, UUID incident) throws SQLException {
    List<Member> out = new ArrayList<>();
    try (PreparedStatement ps = h.getConnection().prepareStatement(
        "select " + IncidentStore.MEMBER_COLUMNS + " from reports where incident_id = ? order by id")) {
      ps.setObject(1, incident);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(IncidentStore.member(rs, 1));
        }
      }
    }
    return out;
  }

  private static void relink(Handle h, List<UUID> reports, UUID from, UUID to, String reason, OffsetDateTime now)
      throws SQLException {
    try (PreparedStatement upd = h.getConnection().prepareStatement(
            "update reports set incident_id = ?, link = 'manual', candidates = null where id = ?");
         PreparedStatement log = h.getConnection().prepareStatement("insert into report_links(report_id, incident_id,"
             + " previous_incident_id, link, reason, linked_at) values (?, ?, ?, 'manual', ?, ?)")) {
      for (UUID r : reports) {
        upd.setObject(1, to);
        upd.setObject(2, r);
        upd.addBatch();
        log.setObject(1, r);
        log.setObject(2, to);
        log.setObject(3, from);
        log.setString(4, reason);
        log.setObject(5, now);
        log.addBatch();
      }
      upd.executeBatch();
      log.executeBatch();
    }
  }

  private Outcome record(Handle h, Outcome o, String reason, AuditLog.Actor actor, OffsetDateTime now) {
    h.createUpdate("insert into incident_curations(id, kind, incident_id, other_id, reports, reason, assessments, curated_by,"
            + " curated_at) values (:id, :kind, :incident, :other, :reports, :reason, :assessments, :by, :at)")
        .bind("id", o.curation()).bind("kind", o.kind()).bind("incident", o.incident()).bind("other", o.other())
        .bind("reports", json(o.reports())).bind("reason", reason).bind("assessments", json(o.assessments()))
        .bind("by", actor.userId()).bind("at", now).execute();
    Map<String, Object> change = new LinkedHashMap<>();
    change.put("curation", o.curation().toString());
    change.put(o.kind().equals("merge") ? "into" : "newIncident", o.other().toString());
    change.put("reports", o.reports().stream().map(UUID::toString).toList());
    change.put("reason", reason);
    change.put("assessments", o.assessments());
    audit.append(h, actor, "incident." + o.kind(), "incident", o.incident().toString(), change);
    return o;
  }

  private static String json(Object o) {
    try {
      return Json.MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object tree(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
