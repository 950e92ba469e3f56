package org.truce.parties;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.truce.audit.AuditLog;

/** The parties known to this mechanism, read from the database; ships the default set on first start. */
public final class Parties {

  static final List<Party> DEFAULTS = List.of(
      new Party("IR", "Islamic Republic of Iran", "guarantor"),
      new Party("RU", "Russian Federation", "guarantor"),
      new Party("TR", "Republic of Türkiye", "guarantor"),
      new Party("SY-GOV", "Government of the Syrian Arab Republic", "conflict_party"),
      new Party("SY-OPP", "Syrian armed opposition", "conflict_party"),
      new Party("UN", "United Nations", "observer"),
      new Party("JO", "Hashemite Kingdom of Jordan", "observer"),
      new Party("LB", "Lebanese Republic", "observer"),
      new Party("IQ", "Republic of Iraq", "observer"),
      new Party("ICRC", "International Committee of the Red Cross", "observer"),
      new Party("SEC", "Secretariat of the mechanism", "secretariat"),
      new Party(Party.UNKNOWN, "Unknown or unidentified", "unknown"));

  private final Map<String, Party> byCode;

  private Parties(Map<String, Party> byCode) {
    this.byCode = byCode;
  }

  /** Inserts the default parties when the table is empty, then reads all. */
  public static Parties load(Jdbi jdbi, Clock clock, AuditLog audit) {
    return jdbi.inTransaction(h -> {
      int n = h.createQuery("select count(*) from parties").mapTo(Integer.class).one();
      if (n == 0) {
        var batch = h.prepareBatch("insert into parties(code, name, kind, created_at) values (?, ?, ?, ?)");
        for (Party p : DEFAULTS) {
          batch.add(p.code(), p.name(), p.kind(), OffsetDateTime.now(clock));
        }
        batch.execute();
        for (Party p : DEFAULTS) {
          audit.append(h, AuditLog.Actor.SYSTEM, "party.create", "party", p.code(), Map.of("name", p.name(), "kind", p.kind()));
        }
      }
      Map<String, Party> m = new LinkedHashMap<>();
      h.createQuery("select code, name, kind from parties order by kind, code")
          .map((rs, ctx) -> new Party(rs.getString(1), rs.getString(2), rs.getString(3)))
          .forEach(p -> m.put(p.code(), p));
      return new Parties(m);
    });
  }

  public boolean exists(String code) {
    return byCode.containsKey(code);
  }

  public Party get(String code) {
    return byCode.get(code);
  }

  public Collection<Party> all() {
    return byCode.values();
  }

  /** Parties that may submit a report (everyone but `unknown`). */
  public List<String> sourceCodes() {
    return byCode.keySet().stream().filter(c -> !Party.UNKNOWN.equals(c)).toList();
  }

  public List<String> codes() {
    return List.copyOf(byCode.keySet());
  }
}
