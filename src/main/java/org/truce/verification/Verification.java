package org.truce.verification;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.truce.access.User;
import org.truce.audit.AuditLog;
import org.truce.http.ApiException;
import org.truce.parties.Parties;
import org.truce.parties.Party;

/**
 * Trilateral verification: guarantors' assessments of incidents, the finding the rule derives from them, and
 * the right of reply. Every change runs under the incident's row lock and is appended to the audit log in the
 * same transaction, with each change of finding it causes.
 */
public final class Verification {

  /** What a reviewer sends; validated by {@link VerificationRoutes}. */
  public record AssessmentInput(String assessment, String rationale, List<String> evidence) {}

  /** An incident's verification as the API shows it beside the incident. */
  public record View(String rule, List<Assessment> assessments, List<FindingChange> findingHistory,
                     List<Response> responses) {}

  /** One page of a review queue. */
  public record QueuePage(List<QueueItem> items, String next) {}

  /** An incident in a review queue, and why it is there. */
  public record QueueItem(UUID incidentId, OffsetDateTime createdAt, List<String> reasons) {}

  private final Jdbi jdbi;
  private final Parties parties;
  private final AuditLog audit;
  private final Clock clock;
  private final VerificationStore store = new VerificationStore();

  public Verification(Jdbi jdbi, Parties parties, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.parties = parties;
    this.audit = audit;
    this.clock = clock;
  }

  /** The guarantors whose assessments the rule counts, in code order. */
  public List<String> guarantors() {
    return parties.all().stream().filter(Party::isGuarantor).map(Party::code).sorted().toList();
  }

  /**
   * Records the reviewer's guarantor's assessment of the incident; it supersedes that guarantor's earlier one,
   * which stays in the history. The caller has checked that the user is a reviewer of a guarantor.
   */
  public Assessment assessIncident(User reviewer, UUID incidentId, AssessmentInput in) {
    AuditLog.Actor actor = new AuditLog.Actor(reviewer.id(), reviewer.party());
    return jdbi.inTransaction(h -> {
      VerificationStore.Target t = target(h, incidentId);
      Assessment previous = VerificationStore.current(store.assessments(h, incidentId, t.basis())).get(reviewer.party());
      Assessment a = new Assessment(UUID.randomUUID(), incidentId, reviewer.party(), in.assessment(), in.rationale(),
          List.copyOf(in.evidence()), reviewer.id(), reviewer.name(), now(), t.basis(), true);
      store.insertAssessment(h, a);
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("incident", incidentId.toString());
      change.put("guarantor", a.guarantor());
      change.put("assessment", a.assessment());
      change.put("rationale", a.rationale());
      change.put("evidence", a.evidence());
      change.put("basis", a.basis());
      change.put("supersedes", previous == null ? null : previous.id().toString());
      audit.append(h, actor, "assessment.create", "assessment", a.id().toString(), change);
      recompute(h, t, "assessment", a.id().toString(), actor);
      return a;
    });
  }

  /** Attaches the party's response to an incident that names it as alleged perpetrator. */
  public Response respond(User user, UUID incidentId, String text) {
    AuditLog.Actor actor = new AuditLog.Actor(user.id(), user.party());
    return jdbi.inTransaction(h -> {
      VerificationStore.Target t = target(h, incidentId);
      if (!t.perpetrators().contains(user.party())) {
        throw ApiException.forbidden("only a party named as alleged perpetrator may respond to this incident; it names "
            + String.join(", ", t.perpetrators()));
      }
      Response r = new Response(UUID.randomUUID(), incidentId, user.party(), text, user.id(), user.name(), now());
      store.insertResponse(h, r);
      audit.append(h, actor, "response.create", "response", r.id().toString(),
          Map.of("incident", incidentId.toString(), "party", r.party(), "response", text));
      return r;
    });
  }

  /**
   * Starts a new basis for the incident after its reports changed (a merge or split): its assessments stay in the
   * history but stop counting, and the finding is derived again. Runs in the caller's transaction.
   */
  public void startNewBasis(Handle h, UUID incidentId, String cause, String causeId, AuditLog.Actor actor) {
    h.createUpdate("update incidents set basis = basis + 1 where id = :id").bind("id", incidentId).execute();
    VerificationStore.Target t = store.lock(h, incidentId).orElseThrow();
    recompute(h, t, cause, causeId, actor);
  }

  /** The finding rule in force. */
  public FindingRule rule() {
    return jdbi.withHandle(this::rule);
  }

  FindingRule rule(Handle h) {
    return store.setting(h, VerificationStore.FINDING_RULE).map(FindingRule::fromCode).orElse(FindingRule.CONSENSUS);
  }

  /** Sets the finding rule and derives again the finding of every assessed incident; returns how many changed. */
  public int setRule(User admin, FindingRule rule) {
    AuditLog.Actor actor = new AuditLog.Actor(admin.id(), admin.party());
    return jdbi.inTransaction(h -> {
      // the linking lock first, as merges and splits take it, so that locking many incidents cannot deadlock with them
      h.execute("update linker_state set epoch = epoch + 1 where id = 1");
      FindingRule before = rule(h);
      store.insertSetting(h, VerificationStore.FINDING_RULE, rule.code(), admin.id(), now());
      audit.append(h, actor, "setting.change", "setting", VerificationStore.FINDING_RULE,
          Map.of("from", before.code(), "to", rule.code()));
      int changed = 0;
      for (UUID id : store.assessedIncidents(h)) {
        VerificationStore.Target t = store.lock(h, id).orElse(null);
        if (t != null && t.mergedInto() == null && recompute(h, t, "rule", rule.code(), actor)) {
          changed++;
        }
      }
      return changed;
    });
  }

  /** The incident's assessments, finding history and responses. */
  public View view(Handle h, UUID incidentId, int basis) {
    return new View(rule(h).code(), store.assessments(h, incidentId, basis), store.findingChanges(h, incidentId),
        store.responses(h, incidentId));
  }

  /**
   * The view as the viewer may see it: who assessed is named only to the assessing guarantor's own users and the
   * secretariat, who wrote a response only to its own party and the secretariat. Everyone else sees which
   * guarantor assessed and which party replied, not the people, whose safety may depend on it.
   */
  public View seenBy(User viewer, View v) {
    boolean secretariat = parties.get(viewer.party()) != null && Party.SECRETARIAT.equals(parties.get(viewer.party()).kind());
    List<Assessment> assessments = v.assessments().stream()
        .map(a -> secretariat || a.guarantor().equals(viewer.party()) ? a : new Assessment(a.id(), a.incidentId(),
            a.guarantor(), a.assessment(), a.rationale(), a.evidence(), null, null, a.assessedAt(), a.basis(), a.current()))
        .toList();
    List<FindingChange> history = v.findingHistory().stream()
        .map(c -> secretariat ? c : new FindingChange(c.seq(), c.incidentId(), c.from(), c.to(), c.rule(), c.cause(),
            c.causeId(), null, c.changedAt()))
        .toList();
    List<Response> responses = v.responses().stream()
        .map(r -> secretariat || r.party().equals(viewer.party()) ? r : new Response(r.id(), r.incidentId(), r.party(),
            r.response(), null, null, r.submittedAt()))
        .toList();
    return new View(v.rule(), assessments, history, responses);
  }

  /** The incident's current basis, or -1 when there is no such incident. */
  public int basis(Handle h, UUID incidentId) {
    return h.createQuery("select basis from incidents where id = :id").bind("id", incidentId).mapTo(Integer.class)
        .findOne().orElse(-1);
  }

  /** The guarantor's review queue: awaiting its assessment or flagged by deduplication, oldest first. */
  public QueuePage reviewQueue(String guarantor, String cursor, int limit) {
    VerificationStore.Cursor after = cursor == null ? null : VerificationStore.Cursor.decode(cursor);
    List<VerificationStore.Queued> rows = jdbi.withHandle(h -> store.queue(h, guarantor, after, limit + 1));
    List<QueueItem> items = new ArrayList<>();
    for (VerificationStore.Queued q : rows.subList(0, Math.min(limit, rows.size()))) {
      List<String> reasons = new ArrayList<>();
      if (q.awaiting()) {
        reasons.add("awaiting_assessment");
      }
      if (q.flagged()) {
        reasons.add("flagged_by_deduplication");
      }
      items.add(new QueueItem(q.incidentId(), q.createdAt(), reasons));
    }
    String next = rows.size() > limit
        ? new VerificationStore.Cursor(items.get(limit - 1).createdAt(), items.get(limit - 1).incidentId()).encode() : null;
    return new QueuePage(items, next);
  }

  /** Derives the finding again; when it changes, stores it, records the change and appends it to the log. */
  private boolean recompute(Handle h, VerificationStore.Target t, String cause, String causeId, AuditLog.Actor actor) {
    FindingRule rule = rule(h);
    Map<String, String> current = new LinkedHashMap<>();
    VerificationStore.current(store.assessments(h, t.id(), t.basis())).forEach((g, a) -> current.put(g, a.assessment()));
    String finding = rule.derive(current, guarantors());
    if (finding.equals(t.finding())) {
      return false;
    }
    store.setFinding(h, t.id(), finding);
    FindingChange c = new FindingChange(0, t.id(), t.finding(), finding, rule.code(), cause, causeId, actor.userId(), now());
    store.insertFindingChange(h, c);
    audit.append(h, actor, "finding.change", "incident", t.id().toString(), Map.of("from", t.finding(), "to", finding,
        "rule", rule.code(), "cause", cause, "causeId", causeId, "assessments", current));
    return true;
  }

  private VerificationStore.Target target(Handle h, UUID incidentId) {
    VerificationStore.Target t = store.lock(h, incidentId).orElseThrow(() -> ApiException.notFound("Incident " + incidentId));
    if (t.mergedInto() != null) {
      throw ApiException.conflict("incident " + incidentId + " was merged into " + t.mergedInto() + "; act on that one",
          List.of(new org.truce.http.FieldError("id", "merged into " + t.mergedInto())));
    }
    return t;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
