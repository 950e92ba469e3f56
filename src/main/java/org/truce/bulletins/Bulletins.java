package org.truce.bulletins;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.erdtman.jcs.JsonCanonicalizer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.truce.access.Access;
import org.truce.access.Role;
import org.truce.access.User;
import org.truce.audit.AuditLog;
import org.truce.http.ApiException;
import org.truce.http.FieldError;
import org.truce.http.Json;
import org.truce.parties.Parties;
import org.truce.parties.Party;
import org.truce.verification.Verification;
import org.truce.db.RuntimeSettings;

/**
 * Bulletins as documents: a coordinator drafts one (its public content is fixed then, as canonical JSON), each
 * guarantor signs that JSON with its registered Ed25519 key, and the bulletin is issued when the signature rule is
 * met. Nothing is edited: a correction is a new bulletin naming the one it corrects.
 */
public final class Bulletins {

  public static final String SIGNATURE_RULE = "bulletin-signature-rule";
  public static final List<String> RULES = List.of("all", "majority");

  /** A guarantor's signing key. */
  public record Key(String id, String party, String publicKey, String label, OffsetDateTime registeredAt,
      OffsetDateTime revokedAt) {}

  /** One guarantor's signature of a bulletin. */
  public record SignatureRow(String party, String keyId, String publicKey, String signature, OffsetDateTime signedAt) {}

  /** A bulletin drafted to correct another, and whether it is issued yet. */
  public record Correction(UUID id, long number, boolean issued) {}

  /**
   * A drafted bulletin with its signatures; content is the canonical JSON that was signed. corrections are the
   * bulletins drafted to correct it, issued or not: a reader outside the mechanism is told only of issued ones
   * ({@link #correctedBy(boolean)}), so an unsigned draft never marks a signed bulletin as corrected.
   */
  public record Stored(UUID id, long number, OffsetDateTime from, OffsetDateTime to, String zone, UUID corrects,
      List<Correction> corrections, String content, String sha256, String internalNote, String rule,
      OffsetDateTime draftedAt, OffsetDateTime issuedAt, List<SignatureRow> signatures) {

    public String status() {
      return issuedAt == null ? "draft" : "issued";
    }

    /** The bulletins that correct this one, oldest first: drafts too for a reader who sees drafts. */
    public List<UUID> correctedBy(boolean seesDrafts) {
      return corrections.stream().filter(c -> seesDrafts || c.issued()).map(Correction::id).toList();
    }
  }

  private final Jdbi jdbi;
  private final Composer composer;
  private final Parties parties;
  private final Verification verification;
  private final AuditLog audit;
  private final Clock clock;

  public Bulletins(Jdbi jdbi, Composer composer, Parties parties, Verification verification, AuditLog audit, Clock clock) {
    this.jdbi = jdbi;
    this.composer = composer;
    this.parties = parties;
    this.verification = verification;
    this.audit = audit;
    this.clock = clock;
  }

  public Composer composer() {
    return composer;
  }

  /** The bulletin of a period as the data stands now; internal is for guarantors and the secretariat only. */
  public Bulletin compute(User u, Bulletin.Period p, boolean internal) {
    if (internal && !Access.runsMechanism(u, parties)) {
      throw ApiException.forbidden("the internal bulletin is for the guarantors and the secretariat; ask for audience=public");
    }
    refreshRollup();
    return jdbi.inTransaction(h -> composer.compose(h, p, internal, verification.rule().code()));
  }

  /**
   * Brings the bulletin rollup up to date with the incidents changed since the last refresh, so that composing
   * reads few incidents. A bulletin is exact without it (marked hours are counted from incidents), so a refresh
   * that fails (another one holds the lock too long) is logged and skipped.
   */
  public void refreshRollup() {
    try {
      recomputeMarkedHours();
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(Bulletins.class).warn("bulletin rollup not refreshed: {}", e.toString());
    }
  }

  /** Recomputes the hours marked for the bulletin rollup now (maintenance); returns how many; fails loudly. */
  public int recomputeMarkedHours() {
    return Rollup.refresh(jdbi);
  }

  // ---- keys

  public Key registerKey(User u, String publicKeyText, String label) {
    Access.requireRole(u, "register signing keys", Role.REVIEWER);
    requireGuarantor(u, "register signing keys");
    PublicKey k;
    try {
      k = Ed25519.publicKey(publicKeyText);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(List.of(new FieldError("publicKey", e.getMessage())));
    }
    String id = Ed25519.keyId(k);
    OffsetDateTime now = now();
    return jdbi.inTransaction(h -> {
      if (h.createQuery("select count(*) from guarantor_keys where id = :id").bind("id", id).mapTo(Long.class).one() > 0) {
        throw ApiException.conflict("this key is already registered as " + id, List.of(new FieldError("publicKey", "is already registered")));
      }
      h.createUpdate("insert into guarantor_keys(id, party, public_key, label, registered_by, registered_at)"
              + " values (:id, :party, :key, :label, :by, :at)")
          .bind("id", id).bind("party", u.party()).bind("key", Ed25519.encode(k)).bind("label", label)
          .bind("by", u.id()).bind("at", now).execute();
      audit.append(h, actor(u), "key.register", "guarantor_key", id, Map.of("party", u.party()));
      return key(h, id).orElseThrow();
    });
  }

  public Key revokeKey(User u, String keyId) {
    Access.requireRole(u, "revoke signing keys", Role.REVIEWER, Role.ADMIN);
    return jdbi.inTransaction(h -> {
      Key k = key(h, keyId).orElseThrow(() -> ApiException.notFound("Key " + keyId));
      boolean admin = u.hasAny(Role.ADMIN) && Party.SECRETARIAT.equals(kind(u));
      if (!admin && !k.party().equals(u.party())) {
        throw ApiException.forbidden("a guarantor revokes only its own keys");
      }
      if (k.revokedAt() != null) {
        return k;
      }
      h.createUpdate("update guarantor_keys set revoked_at = :at, revoked_by = :by where id = :id and revoked_at is null")
          .bind("at", now()).bind("by", u.id()).bind("id", keyId).execute();
      audit.append(h, actor(u), "key.revoke", "guarantor_key", keyId, Map.of("party", k.party()));
      return key(h, keyId).orElseThrow();
    });
  }

  public List<Key> keys() {
    return jdbi.withHandle(h -> h.createQuery(KEY_SELECT + " order by party, registered_at").map((rs, ctx) -> readKey(rs)).list());
  }

  private static final String KEY_SELECT = "select id, party, public_key, label, registered_at, revoked_at from guarantor_keys";

  private static Optional<Key> key(Handle h, String id) {
    return h.createQuery(KEY_SELECT + " where id = :id").bind("id", id).map((rs, ctx) -> readKey(rs)).findOne();
  }

  private static Key readKey(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Key(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
        utc(rs.getObject(5, OffsetDateTime.class)), utc(rs.getObject(6, OffsetDateTime.class)));
  }

  // ---- drafting, signing, issuing

  /** Drafts the public bulletin of a period: its content is computed and fixed now. */
  public Stored draftBulletin(User u, Bulletin.Period p, String note, String internalNote, UUID corrects) {
    Access.requireRole(u, "draft bulletins", Role.COORDINATOR);
    OffsetDateTime now = now();
    UUID id = UUID.randomUUID();
    if (p.to().toInstant().isAfter(clock.instant())) {
      throw ApiException.invalid(List.of(new FieldError("to", "the period has not ended yet: a bulletin is drafted once its period is over")));
    }
    refreshRollup();
    for (int attempt = 1; ; attempt++) {
      try {
        return draft(u, p, note, internalNote, corrects, id, now);
      } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
        // two drafts took the same number at once: the unique index refused the second; take the next one
        if (attempt == 3 || !String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("number")) {
          throw e;
        }
      }
    }
  }

  private Stored draft(User u, Bulletin.Period p, String note, String internalNote, UUID corrects, UUID id, OffsetDateTime now) {
    return jdbi.inTransaction(h -> {
      if (corrects != null) {
        Stored c = get(h, corrects).orElseThrow(() -> ApiException.invalid(List.of(new FieldError("corrects", "no bulletin " + corrects))));
        if (c.issuedAt() == null) {
          throw ApiException.invalid(List.of(new FieldError("corrects", "bulletin " + corrects
              + " is a draft: only an issued bulletin is corrected; a draft is simply not signed")));
        }
      }
      long number = h.createQuery("select coalesce(max(number), 0) + 1 from bulletins").mapTo(Long.class).one();
      String rule = RuntimeSettings.get(h, SIGNATURE_RULE).orElse("all");
      Bulletin computed = composer.compose(h, p, false, verification.rule().code());
      Bulletin b = withDraft(computed, new Bulletin.Draft(id, number, now, corrects, note, null));
      String content = canonical(b);
      h.createUpdate("insert into bulletins(id, number, period_from, period_to, zone_id, corrects, content, content_sha256,"
              + " internal_note, signature_rule, drafted_by, drafted_at) values (:id, :n, :from, :to, :zone, :corrects,"
              + " :content, :sha, :inote, :rule, :by, :at)")
          .bind("id", id).bind("n", number).bind("from", p.from()).bind("to", p.to()).bind("zone", p.zone())
          .bindBySqlType("corrects", corrects, java.sql.Types.OTHER).bind("content", content).bind("sha", Ed25519.sha256Hex(content))
          .bind("inote", internalNote).bind("rule", rule).bind("by", u.id()).bind("at", now).execute();
      Map<String, Object> change = new LinkedHashMap<>();
      change.put("number", number);
      change.put("from", p.from().toString());
      change.put("to", p.to().toString());
      change.put("zone", p.zone());
      change.put("corrects", corrects == null ? null : corrects.toString());
      change.put("sha256", Ed25519.sha256Hex(content));
      audit.append(h, actor(u), "bulletin.draft", "bulletin", id.toString(), change);
      return get(h, id).orElseThrow();
    });
  }

  /** Records a guarantor's signature of a drafted bulletin; issues it when the rule is met. */
  public Stored signBulletin(User u, UUID id, String keyId, String signature) {
    Access.requireRole(u, "sign bulletins", Role.REVIEWER);
    requireGuarantor(u, "sign bulletins");
    return jdbi.inTransaction(h -> {
      h.createQuery("select id from bulletins where id = :id for update").bind("id", id).mapTo(UUID.class).findOne()
          .orElseThrow(() -> ApiException.notFound("Bulletin " + id));
      Stored b = get(h, id).orElseThrow();
      Key k = key(h, keyId).orElse(null);
      if (k == null || !k.party().equals(u.party())) {
        throw ApiException.invalid(List.of(new FieldError("keyId", "is not a key registered for " + u.party())));
      }
      if (k.revokedAt() != null) {
        throw ApiException.invalid(List.of(new FieldError("keyId", "was revoked on " + k.revokedAt())));
      }
      if (b.signatures().stream().anyMatch(s -> s.party().equals(u.party()))) {
        throw ApiException.conflict(u.party() + " has already signed bulletin " + b.number(), List.of());
      }
      if (!Ed25519.verify(Ed25519.publicKey(k.publicKey()), b.content().getBytes(StandardCharsets.UTF_8), signature)) {
        throw ApiException.invalid(List.of(new FieldError("signature", "is not key " + keyId
            + "'s Ed25519 signature of this bulletin's canonical JSON (sha256 " + b.sha256() + ")")));
      }
      OffsetDateTime now = now();
      h.createUpdate("insert into bulletin_signatures(bulletin_id, party, key_id, signature, signed_by, signed_at)"
              + " values (:b, :p, :k, :s, :by, :at)")
          .bind("b", id).bind("p", u.party()).bind("k", keyId).bind("s", signature.trim()).bind("by", u.id()).bind("at", now).execute();
      audit.append(h, actor(u), "bulletin.sign", "bulletin", id.toString(), Map.of("party", u.party(), "keyId", keyId));
      if (b.issuedAt() == null && ruleMet(b.rule(), signedParties(b, u.party()))) {
        h.createUpdate("update bulletins set issued_at = :at where id = :id and issued_at is null").bind("at", now).bind("id", id).execute();
        audit.append(h, AuditLog.Actor.SYSTEM, "bulletin.issue", "bulletin", id.toString(), Map.of("number", b.number(),
            "rule", b.rule(), "sha256", b.sha256()));
      }
      return get(h, id).orElseThrow();
    });
  }

  private static List<String> signedParties(Stored b, String plus) {
    List<String> out = new ArrayList<>(b.signatures().stream().map(SignatureRow::party).toList());
    out.add(plus);
    return out;
  }

  /** Whether the parties that signed meet the rule over the mechanism's guarantors. */
  boolean ruleMet(String rule, List<String> signed) {
    List<String> guarantors = guarantors();
    long n = guarantors.stream().filter(signed::contains).count();
    return "majority".equals(rule) ? n * 2 > guarantors.size() : n == guarantors.size();
  }

  public List<String> guarantors() {
    return parties.all().stream().filter(Party::isGuarantor).map(Party::code).sorted().toList();
  }

  public String signatureRule() {
    return jdbi.withHandle(h -> RuntimeSettings.get(h, SIGNATURE_RULE).orElse("all"));
  }

  public void setSignatureRule(User admin, String rule) {
    Access.requireRole(admin, "change settings", Role.ADMIN);
    jdbi.useTransaction(h -> {
      String before = RuntimeSettings.get(h, SIGNATURE_RULE).orElse("all");
      RuntimeSettings.set(h, SIGNATURE_RULE, rule, admin.id(), now());
      audit.append(h, actor(admin), "setting.change", "setting", SIGNATURE_RULE, Map.of("from", before, "to", rule));
    });
  }

  /** Who may see a stored bulletin: an issued one everyone; a draft the secretariat and the guarantors. */
  public boolean maySee(User u, Stored b) {
    return b.issuedAt() != null || Access.runsMechanism(u, parties);
  }

  public Optional<Stored> get(UUID id) {
    return jdbi.withHandle(h -> get(h, id));
  }

  /** Every stored bulletin the caller may see, newest first. */
  public List<Stored> list(User u) {
    return list(u, null, Integer.MAX_VALUE);
  }

  /** At most limit of the stored bulletins the caller may see, newest first, numbered below before (if given). */
  public List<Stored> list(User u, Long before, int limit) {
    boolean all = Access.runsMechanism(u, parties);
    StringBuilder where = new StringBuilder(all ? " where 1 = 1" : " where issued_at is not null");
    Map<String, Object> binds = new LinkedHashMap<>();
    if (before != null) {
      where.append(" and number < :before");
      binds.put("before", before);
    }
    // the list shows what each bulletin is, not what it says: its content (megabytes for a busy month) stays unread
    return jdbi.withHandle(h -> read(h, "''", where + " order by number desc limit " + Math.max(1, limit), binds));
  }

  Optional<Stored> get(Handle h, UUID id) {
    return read(h, "content", " where id = :id", Map.of("id", id)).stream().findFirst();
  }

  /**
   * Stored bulletins with contentColumn as their content (the content, or '' for lists), in the order the
   * condition gives; their signatures and corrections read in one query each for all of them.
   */
  private static List<Stored> read(Handle h, String contentColumn, String condition, Map<String, Object> binds) {
    var q = h.createQuery("select id, number, period_from, period_to, zone_id, corrects, " + contentColumn + ", content_sha256,"
        + " internal_note, signature_rule, drafted_at, issued_at from bulletins" + condition);
    binds.forEach(q::bind);
    List<Stored> rows = q.map((rs, ctx) -> new Stored(rs.getObject(1, UUID.class), rs.getLong(2),
        utc(rs.getObject(3, OffsetDateTime.class)), utc(rs.getObject(4, OffsetDateTime.class)), rs.getString(5),
        rs.getObject(6, UUID.class), null, rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
        utc(rs.getObject(11, OffsetDateTime.class)), utc(rs.getObject(12, OffsetDateTime.class)), null)).list();
    if (rows.isEmpty()) {
      return rows;
    }
    List<UUID> ids = rows.stream().map(Stored::id).toList();
    Map<UUID, List<Correction>> corrections = new java.util.HashMap<>();
    h.createQuery("select corrects, id, number, issued_at from bulletins where corrects in (<ids>) order by number")
        .bindList("ids", ids)
        .map((rs, ctx) -> corrections.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
            .add(new Correction(rs.getObject(2, UUID.class), rs.getLong(3), rs.getObject(4, OffsetDateTime.class) != null)))
        .forEach(x -> { });
    Map<UUID, List<SignatureRow>> signatures = new java.util.HashMap<>();
    h.createQuery("select s.bulletin_id, s.party, s.key_id, k.public_key, s.signature, s.signed_at from bulletin_signatures s"
            + " join guarantor_keys k on k.id = s.key_id where s.bulletin_id in (<ids>) order by s.party")
        .bindList("ids", ids)
        .map((rs, ctx) -> signatures.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
            .add(new SignatureRow(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                utc(rs.getObject(6, OffsetDateTime.class)))))
        .forEach(x -> { });
    return rows.stream().map(s -> new Stored(s.id(), s.number(), s.from(), s.to(), s.zone(), s.corrects(),
        List.copyOf(corrections.getOrDefault(s.id(), List.of())), s.content(), s.sha256(), s.internalNote(), s.rule(),
        s.draftedAt(), s.issuedAt(), List.copyOf(signatures.getOrDefault(s.id(), List.of())))).toList();
  }

  /** The bulletin a stored one says, parsed back from its signed content. */
  public static Bulletin content(Stored s) {
    try {
      return Json.MAPPER.readValue(s.content(), Bulletin.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored bulletin " + s.id() + " does not parse", e);
    }
  }

  /** RFC 8785 canonical JSON of a bulletin: the bytes that are hashed and signed. */
  public static String canonical(Object bulletin) {
    try {
      return new JsonCanonicalizer(Json.MAPPER.writeValueAsString(bulletin)).getEncodedString();
    } catch (IOException e) {
      throw new IllegalStateException("cannot canonicalise a bulletin", e);
    }
  }

  private static Bulletin withDraft(Bulletin b, Bulletin.Draft d) {
    return new Bulletin(b.title(), b.audience(), b.period(), b.totals(), b.previousPeriod(), b.change(), b.cumulative(),
        b.byFinding(), b.byZoneTypePerpetrator(), b.reportedVersusConfirmed(), b.trend(), b.notable(), b.workingGroup(),
        b.incidents(), b.methodology(), d);
  }

  /** The internal view of a stored bulletin: its signed public content plus the coordinator's internal note. */
  public static Bulletin withInternalNote(Bulletin b, String note) {
    if (note == null || b.draft() == null) {
      return b;
    }
    Bulletin.Draft d = b.draft();
    return withDraft(b, new Bulletin.Draft(d.id(), d.number(), d.draftedAt(), d.corrects(), d.note(), note));
  }

  private void requireGuarantor(User u, String action) {
    if (!Access.isGuarantor(u, parties)) {
      throw ApiException.forbidden("only a guarantor's reviewers may " + action + "; " + u.party() + " is not a guarantor");
    }
  }

  private String kind(User u) {
    Party p = parties.get(u.party());
    return p == null ? null : p.kind();
  }

  private static AuditLog.Actor actor(User u) {
    return new AuditLog.Actor(u.id(), u.party());
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static OffsetDateTime utc(OffsetDateTime t) {
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
  }
}
