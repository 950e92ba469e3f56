package org.truce.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.truce.access.Access;
import org.truce.access.Role;
import org.truce.access.Sessions;
import org.truce.access.User;
import org.truce.bulletins.Bulletin;
import org.truce.bulletins.Bulletins;
import org.truce.http.ApiException;
import org.truce.http.FieldError;

/**
 * The bulletin pages: the bulletins on record and a period's bulletin to read at once (everyone), the draft form
 * (coordinators), a bulletin's page with its signatures, downloads and the signing form (a guarantor's reviewers),
 * and the guarantors' signing keys. They call the same {@link Bulletins} as the API, so its rules hold here too.
 * A guarantor signs either in the browser (the page's script reads the private key file locally and signs with
 * the browser's own Ed25519; the key never leaves the machine) or offline with {@code truce bulletin sign}, pasting
 * the signature.
 */
final class BulletinPages {

  static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");
  static final int MAX_NOTE = 4000;
  /** Bulletins listed per page, newest first. */
  static final int PAGE = 50;

  private final Web web;

  BulletinPages(Web web) {
    this.web = web;
  }

  void register(RoutesConfig routes) {
    routes.get("/bulletins", this::list);
    routes.post("/bulletins", this::draft);
    routes.get("/bulletins/keys", this::keys);
    routes.post("/bulletins/keys", this::registerKey);
    routes.post("/bulletins/keys/{keyId}/revoke", this::revokeKey);
    routes.get("/bulletins/{id}", this::one);
    routes.get("/bulletins/{id}/content.json", this::content);
    routes.post("/bulletins/{id}/signatures", this::sign);
  }

  // ---- the list, the period to read and the draft form

  private void list(Context ctx) {
    Sessions.Live s = web.session(ctx);
    Map<String, String> typed = new LinkedHashMap<>();
    String corrects = ctx.queryParam("corrects");
    if (corrects != null && corrects.matches("[0-9a-f-]{36}")) {
      typed.put("corrects", corrects);
    }
    Long before = null;
    String raw = ctx.queryParam("before");
    if (raw != null && raw.matches("[0-9]{1,18}")) {
      before = Long.parseLong(raw);
    }
    showList(ctx, s, 200, List.of(), typed, before);
  }

  private void showList(Context ctx, Sessions.Live s, int status, List<String> errors, Map<String, String> typed, Long before) {
    User u = s.user();
    Bulletin.Period usual = web.app.bulletins.composer().period(null, null, null, web.app.clock, new ArrayList<>());
    Map<String, String> form = new LinkedHashMap<>();
    form.put("from", LOCAL.format(usual.from()));
    form.put("to", LOCAL.format(usual.to()));
    // the read form takes whole days: the last whole day in the mechanism's time
    String yesterday = web.app.clock.instant().atZone(timeZone()).toLocalDate().minusDays(1).toString();
    form.put("readFrom", yesterday);
    form.put("readTo", yesterday);
    form.putAll(typed);
    List<Bulletins.Stored> stored = web.app.bulletins.list(u, before, PAGE);
    Long older = stored.size() == PAGE ? stored.get(PAGE - 1).number() : null;
    List<Bulletins.Stored> issued = u.has(Role.COORDINATOR)
        ? web.app.bulletins.list(u).stream().filter(b -> b.issuedAt() != null).toList() : List.of();
    web.render(ctx, status, "bulletins.jte", s, new BulletinsPage(stored, zones(), u.has(Role.COORDINATOR),
        Access.runsMechanism(u, web.app.parties), timeZone().getId(), form, issued, errors, older));
  }

  private void draft(Context ctx) {
    Sessions.Live s = web.session(ctx);
    web.requireForm(ctx, s);
    web.requireRole(s.user(), Role.COORDINATOR);
    View v = web.view(ctx, s);
    Map<String, String> typed = new LinkedHashMap<>();
    for (String f : List.of("from", "to", "zone", "note", "internalNote", "corrects")) {
      typed.put(f, nz(ctx.formParam(f)));
    }
    List<FieldError> errors = new ArrayList<>();
    String from = instant(v, typed.get("from"), "from", errors);
    String to = instant(v, typed.get("to"), "to", errors);
    String zone = blank(typed.get("zone")) ? null : typed.get("zone");
    UUID corrects = null;
    if (!blank(typed.get("corrects"))) {
      try {
        corrects = UUID.fromString(typed.get("corrects"));
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("corrects", v.t("bulletins.error.corrects")));
      }
    }
    for (String f : List.of("note", "internalNote")) {
      if (typed.get(f).length() > MAX_NOTE) {
        errors.add(new FieldError(f, v.t("bulletins.error.tooLong", MAX_NOTE)));
      }
    }
    Bulletin.Period p = errors.isEmpty() ? web.app.bulletins.composer().period(from, to, zone, web.app.clock, errors) : null;
    if (errors.isEmpty()) {
      try {
        Bulletins.Stored b = web.app.bulletins.draftBulletin(s.user(), p, emptyToNull(typed.get("note")),
            emptyToNull(typed.get("internalNote")), corrects);
        Pages.redirect(ctx, "/bulletins/" + b.id() + "?done=drafted");
        return;
      } catch (ApiException e) {
        if (e.status() == 403) {
          throw PageException.forbidden("error.forbidden.role");
        }
        errors.addAll(e.errors().isEmpty() ? List.of(new FieldError("", e.getMessage())) : e.errors());
      }
    }
    showList(ctx, s, 422, errors.stream().map(e -> fieldMessage(v, e)).toList(), typed, null);
  }

  /**
   * A datetime-local value (a date and time in the mechanism's time) as the instant the bulletins read. A time the
   * clocks skip or pass twice (a change of summer time) is refused rather than guessed.
   */
  private String instant(View v, String typed, String field, List<FieldError> errors) {
    if (blank(typed)) {
      errors.add(new FieldError(field, v.t("bulletins.error.required")));
      return null;
    }
    LocalDateTime t;
    try {
      t = LocalDateTime.parse(typed);
    } catch (DateTimeException e) {
      errors.add(new FieldError(field, v.t("bulletins.error.dateTime")));
      return null;
    }
    List<java.time.ZoneOffset> offsets = timeZone().getRules().getValidOffsets(t);
    if (offsets.size() != 1) {
      errors.add(new FieldError(field, v.t("bulletins.error.clockChange", timeZone().getId())));
      return null;
    }
    return t.atOffset(offsets.get(0)).toString();
  }

  // ---- one bulletin

  private void one(Context ctx) {
    Sessions.Live s = web.session(ctx);
    Bulletins.Stored b = visible(s.user(), ctx.pathParam("id"));
    String done = ctx.queryParam("done");
    show(ctx, s, b, 200, "drafted".equals(done) ? "bulletins.drafted" : "signed".equals(done) ? "bulletins.signedDone" : null,
        List.of(), Map.of());
  }

  private void show(Context ctx, Sessions.Live s, Bulletins.Stored b, int status, String doneKey, List<String> errors,
                    Map<String, String> typed) {
    User u = s.user();
    List<BulletinRecordPage.Guarantor> guarantors = web.app.bulletins.guarantors().stream().map(g -> {
      Bulletins.SignatureRow row = b.signatures().stream().filter(x -> x.party().equals(g)).findFirst().orElse(null);
      return new BulletinRecordPage.Guarantor(g, row);
    }).toList();
    boolean guarantorReviewer = u.has(Role.REVIEWER) && Access.isGuarantor(u, web.app.parties);
    boolean signedByOwn = b.signatures().stream().anyMatch(x -> x.party().equals(u.party()));
    List<Bulletins.Key> ownKeys = guarantorReviewer
        ? web.app.bulletins.keys().stream().filter(k -> k.party().equals(u.party()) && k.revokedAt() == null).toList()
        : List.of();
    boolean mechanism = Access.runsMechanism(u, web.app.parties);
    List<Bulletins.Correction> corrections = b.corrections().stream().filter(c -> mechanism || c.issued()).toList();
    // the bulletin this one corrects is issued (only issued ones are corrected): every reader may see it
    Long correctsNumber = b.corrects() == null ? null : web.app.bulletins.get(b.corrects()).map(Bulletins.Stored::number).orElse(null);
    web.render(ctx, status, "bulletin-record.jte", s, new BulletinRecordPage(b, Bulletins.content(b), guarantors,
        guarantorReviewer && !signedByOwn, ownKeys, u.has(Role.COORDINATOR) && b.issuedAt() != null,
        mechanism, timeZone().getId(), corrections, correctsNumber, doneKey, errors, typed));
  }

  /** The exact bytes a guarantor signs (the stored canonical JSON), for the page's script to sign in the browser. */
  private void content(Context ctx) {
    Sessions.Live s = web.session(ctx);
    Bulletins.Stored b = visible(s.user(), ctx.pathParam("id"));
    ctx.header("Cache-Control", "no-store");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    ctx.header("X-Bulletin-Sha256", b.sha256());
    ctx.status(200).contentType("application/json; charset=utf-8").result(b.content().getBytes(StandardCharsets.UTF_8));
  }

  private void sign(Context ctx) {
    Sessions.Live s = web.session(ctx);
    web.requireForm(ctx, s);
    web.requireGuarantorReviewer(s.user());
    View v = web.view(ctx, s);
    Bulletins.Stored b = visible(s.user(), ctx.pathParam("id"));
    String signature = nz(ctx.formParam("signature")).strip();
    String keyId = nz(ctx.formParam("keyId")).strip();
    List<String> errors = new ArrayList<>();
    if (signature.isEmpty()) {
      errors.add(v.t("bulletins.error.signature"));
    } else if (signature.length() > 200) {
      errors.add(v.t("bulletins.error.field", v.t("bulletins.field.signature"), v.t("bulletins.error.signatureLong")));
    }
    if (keyId.isEmpty()) {
      errors.add(v.t("bulletins.error.keyId"));
    } else if (!keyId.matches("[0-9a-f]{32}")) {
      errors.add(v.t("bulletins.error.field", v.t("bulletins.field.keyId"), v.t("bulletins.error.keyIdForm")));
    }
    if (errors.isEmpty()) {
      try {
        web.app.bulletins.signBulletin(s.user(), b.id(), keyId, signature);
        Pages.redirect(ctx, "/bulletins/" + b.id() + "?done=signed");
        return;
      } catch (ApiException e) {
        if (e.status() == 403) {
          throw PageException.forbidden("error.forbidden.reviewer");
        }
        errors.addAll(e.errors().isEmpty() ? List.of(v.t("bulletins.error.notDone", e.getMessage()))
            : e.errors().stream().map(x -> fieldMessage(v, x)).toList());
      }
    }
    show(ctx, s, web.app.bulletins.get(b.id()).orElseThrow(), 422, null, errors, Map.of("signature", signature, "keyId", keyId));
  }

  // ---- keys

  private void keys(Context ctx) {
    Sessions.Live s = web.session(ctx);
    String done = ctx.queryParam("done");
    showKeys(ctx, s, 200, "registered".equals(done) ? "keys.registered" : "revoked".equals(done) ? "keys.revoked" : null,
        List.of(), Map.of());
  }

  private void showKeys(Context ctx, Sessions.Live s, int status, String doneKey, List<String> errors, Map<String, String> typed) {
    User u = s.user();
    boolean mayRegister = u.has(Role.REVIEWER) && Access.isGuarantor(u, web.app.parties);
    // as Bulletins.revokeKey: the secretariat's admins revoke any key, a guarantor's reviewers their own party's
    org.truce.parties.Party own = web.app.parties.get(u.party());
    boolean admin = u.has(Role.ADMIN) && own != null && org.truce.parties.Party.SECRETARIAT.equals(own.kind());
    web.render(ctx, status, "bulletin-keys.jte", s, new BulletinKeysPage(web.app.bulletins.keys(), mayRegister, admin,
        u.party(), doneKey, errors, typed));
  }

  private void registerKey(Context ctx) {
    Sessions.Live s = web.session(ctx);
    web.requireForm(ctx, s);
    web.requireGuarantorReviewer(s.user());
    View v = web.view(ctx, s);
    String key = nz(ctx.formParam("publicKey"));
    String label = nz(ctx.formParam("label")).strip();
    List<String> errors = new ArrayList<>();
    if (key.isBlank() || key.length() > 1000) {
      errors.add(v.t("keys.error.key"));
    }
    if (label.length() > 200) {
      errors.add(v.t("keys.error.label"));
    }
    if (errors.isEmpty()) {
      try {
        web.app.bulletins.registerKey(s.user(), key, label.isEmpty() ? null : label);
        Pages.redirect(ctx, "/bulletins/keys?done=registered");
        return;
      } catch (ApiException e) {
        errors.add(e.errors().isEmpty() ? v.t("bulletins.error.notDone", e.getMessage()) : fieldMessage(v, e.errors().get(0)));
      }
    }
    showKeys(ctx, s, 422, null, errors, Map.of("publicKey", key, "label", label));
  }

  private void revokeKey(Context ctx) {
    Sessions.Live s = web.session(ctx);
    web.requireForm(ctx, s);
    web.requireRole(s.user(), Role.REVIEWER, Role.ADMIN);
    String keyId = ctx.pathParam("keyId");
    if (!keyId.matches("[0-9a-f]{32}")) {
      throw PageException.notFound();
    }
    try {
      web.app.bulletins.revokeKey(s.user(), keyId);
    } catch (ApiException e) {
      throw e.status() == 404 ? PageException.notFound() : PageException.forbidden("keys.error.notOwn");
    }
    Pages.redirect(ctx, "/bulletins/keys?done=revoked");
  }

  // ---- shared

  private Bulletins.Stored visible(User u, String rawId) {
    UUID id;
    try {
      id = UUID.fromString(rawId);
    } catch (IllegalArgumentException e) {
      throw PageException.notFound();
    }
    Bulletins.Stored b = web.app.bulletins.get(id).orElseThrow(PageException::notFound);
    if (!web.app.bulletins.maySee(u, b)) {
      throw PageException.notFound();
    }
    return b;
  }

  /** A field's error as the form shows it: the field's label in the reader's language, then what is allowed. */
  private static String fieldMessage(View v, FieldError e) {
    return e.field() == null || e.field().isEmpty() ? e.message()
        : v.t("bulletins.error.field", v.t("bulletins.field." + e.field()), e.message());
  }

  private List<String> zones() {
    return web.app.zones.zones().stream().filter(z -> !z.isAreaOfOperation()).map(org.truce.zones.Zone::id).toList();
  }

  private ZoneId timeZone() {
    return web.app.bulletins.composer().settings().timeZone();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static String emptyToNull(String s) {
    return blank(s) ? null : s;
  }
}
