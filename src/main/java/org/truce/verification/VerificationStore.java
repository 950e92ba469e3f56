package org.truce.verification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.truce.http.Json;

/** The SQL of verification: assessments, finding changes, responses, run-time settings and the review queue. */
final class VerificationStore {

  static final String FINDING_RULE = "finding_rule";

  /** What verification needs of an incident, read under its row lock. */
  record Target(UUID id, int basis, String finding, UUID mergedInto, List<String> perpetrators) {}

  /** Locks the incident's row until the transaction ends: changes to one incident's verification run one at a time. */
  Optional<Target> lock(Handle h, UUID incidentId) {
    return h.createQuery("select id, basis, finding, merged_into, perpetrators from incidents where id = :id for update")
        .bind("id", incidentId)
        .map((rs, ctx) -> new Target(rs.getObject(1, UUID.class), rs.getInt(2), rs.getString(3), rs.getObject(4, UUID.class),
            List.of(rs.getString(5).split(","))))
        .findOne();
  }

  void insertAssessment(Handle h, Assessment a) {
    h.createUpdate("insert into assessments(id, incident_id, basis, guarantor, assessment, rationale, evidence, assessed_by,"
            + " assessed_at) values (:id, :incident, :basis, :guarantor, :assessment, :rationale, :evidence, :by, :at)")
        .bind("id", a.id()).bind("incident", a.incidentId()).bind("basis", a.basis()).bind("guarantor", a.guarantor())
        .bind("assessment", a.assessment()).bind("rationale", a.rationale()).bind("evidence", json(a.evidence()))
        .bind("by", a.assessedBy()).bind("at", a.assessedAt()).execute();
  }

  /** Every assessment of the incident, oldest first, each marked current or not against the incident's basis. */
  List<Assessment> assessments(Handle h, UUID incidentId, int basis) {
    List<Assessment> all = h.createQuery("select a.id, a.incident_id, a.guarantor, a.assessment, a.rationale, a.evidence,"
            + " a.assessed_by, u.name, a.assessed_at, a.basis from assessments a left join users u on u.id = a.assessed_by"
            + " where a.incident_id = :id order by a.seq")
        .bind("id", incidentId)
        .map((rs, ctx) -> new Assessment(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
            rs.getString(4), rs.getString(5), strings(rs.getString(6)), rs.getObject(7, UUID.class), rs.getString(8),
            utc(rs.getObject(9, OffsetDateTime.class)), rs.getInt(10), false))
        .list();
    Map<String, Integer> latest = new HashMap<>();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).basis() == basis) {
        latest.put(all.get(i).guarantor(), i);
      }
    }
    List<Assessment> out = new ArrayList<>(all.size());
    for (int i = 0; i < all.size(); i++) {
      Assessment a = all.get(i);
      boolean current = Integer.valueOf(i).equals(latest.get(a.guarantor()));
      out.add(current ? new Assessment(a.id(), a.incidentId(), a.guarantor(), a.assessment(), a.rationale(), a.evidence(),
          a.assessedBy(), a.assessedByName(), a.assessedAt(), a.basis(), true) : a);
    }
    return out;
  }

  /** Guarantor → its current assessment. */
  static Map<String, Assessment> current(List<Assessment> all) {
    Map<String, Assessment> m = new LinkedHashMap<>();
    all.stream().filter(Assessment::current).forEach(a -> m.put(a.guarantor(), a));
    return m;
  }

  void setFinding(Handle h, UUID incidentId, String finding) {
    h.createUpdate("update incidents set finding = :f where id = :id").bind("f", finding).bind("id", incidentId).execute();
  }

  void insertFindingChange(Handle h, FindingChange c) {
    h.createUpdate("insert into finding_changes(incident_id, from_finding, to_finding, rule, cause, cause_id, changed_by,"
            + " changed_at) values (:incident, :from, :to, :rule, :cause, :causeId, :by, :at)")
        .bind("incident", c.incidentId()).bind("from", c.from()).bind("to", c.to()).bind("rule", c.rule())
        .bind("cause", c.cause()).bind("causeId", c.causeId()).bind("by", c.changedBy()).bind("at", c.changedAt()).execute();
  }

  List<FindingChange> findingChanges(Handle h, UUID incidentId) {
    return h.createQuery("select seq, incident_id, from_finding, to_finding, rule, cause, cause_id, changed_by, changed_at"
            + " from finding_changes where incident_id = :id order by seq")
        .bind("id", incidentId)
        .map((rs, ctx) -> new FindingChange(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getString(7), rs.getObject(8, UUID.class), utc(rs.getObject(9, OffsetDateTime.class))))
        .list();
  }

  void insertResponse(Handle h, Response r) {
    h.createUpdate("insert into incident_responses(id, incident_id, party, response, submitted_by, submitted_at)"
            + " values (:id, :incident, :party, :response, :by, :at)")
        .bind("id", r.id()).bind("incident", r.incidentId()).bind("party", r.party()).bind("response", r.response())
        .bind("by", r.submittedBy()).bind("at", r.submittedAt()).execute();
  }

  List<Response> responses(Handle h, UUID incidentId) {
    return h.createQuery("select r.id, r.incident_id, r.party, r.response, r.submitted_by, u.name, r.submitted_at"
            + " from incident_responses r left join users u on u.id = r.submitted_by where r.incident_id = :id order by r.seq")
        .bind("id", incidentId)
        .map((rs, ctx) -> new Response(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
            rs.getString(4), rs.getObject(5, UUID.class), rs.getString(6), utc(rs.getObject(7, OffsetDateTime.class))))
        .list();
  }

  /** The latest value of a run-time setting, if it was ever set. */
  Optional<String> setting(Handle h, String name) {
    return org.truce.db.RuntimeSettings.get(h, name);
  }

  void insertSetting(Handle h, String name, String value, UUID by, OffsetDateTime at) {
    org.truce.db.RuntimeSettings.set(h, name, value, by, at);
  }

  /** Incidents that carry at least one assessment: the only ones a change of rule can re-find. */
  List<UUID> assessedIncidents(Handle h) {
    return h.createQuery("select distinct incident_id from assessments").mapTo(UUID.class).list();
  }

  /** One entry of a review queue: the incident's id and why it is there. */
  record Queued(UUID incidentId, OffsetDateTime createdAt, boolean awaiting, boolean flagged) {}

  /**
   * Incidents awaiting this guarantor's assessment on their current basis, or flagged by deduplication, oldest
   * first, after the cursor.
   */
  List<Queued> queue(Handle h, String guarantor, Cursor after, int limit) {
    String awaiting = "not exists (select 1 from assessments a where a.incident_id = i.id and a.guarantor = :g"
        + " and a.basis = i.basis)";
    StringBuilder sql = new StringBuilder("select i.id, i.created_at, i.needs_review, case when " + awaiting
        + " then 1 else 0 end from incidents i where i.merged_into is null and (i.needs_review or " + awaiting + ")");
    if (after != null) {
      sql.append(" and (i.created_at > :at or (i.created_at = :at and i.id > :id))");
    }
    sql.append(" order by i.created_at, i.id limit ").append(limit);
    var q = h.createQuery(sql.toString()).bind("g", guarantor);
    if (after != null) {
      q.bind("at", after.createdAt()).bind("id", after.id());
    }
    return q.map((rs, ctx) -> new Queued(rs.getObject(1, UUID.class), utc(rs.getObject(2, OffsetDateTime.class)),
        rs.getInt(4) == 1, rs.getBoolean(3))).list();
  }

  /** An opaque position in the oldest-first order of the review queue. */
  record Cursor(OffsetDateTime createdAt, UUID id) {
    String encode() {
      String raw = createdAt.toInstant().toEpochMilli() * 1000 + createdAt.getNano() / 1000 % 1000 + ":" + id;
      return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    static Cursor decode(String s) {
      try {
        String raw = new String(Base64.getUrlDecoder().decode(s), StandardCharsets.US_ASCII);
        int colon = raw.indexOf(':');
        long micros = Long.parseLong(raw.substring(0, colon));
        OffsetDateTime t = OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
            Math.floorMod(micros, 1_000_000) * 1000L), ZoneOffset.UTC);
        return new Cursor(t, UUID.fromString(raw.substring(colon + 1)));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("cursor is not one this server issued");
      }
    }
  }

  private static String json(List<String> strings) {
    try {
      return Json.MAPPER.writeValueAsString(strings);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> strings(String json) {
    try {
      return Json.MAPPER.readValue(json, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored evidence is not a JSON array: " + e.getMessage(), e);
    }
  }

  private static OffsetDateTime utc(OffsetDateTime t) {
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
  }
}
