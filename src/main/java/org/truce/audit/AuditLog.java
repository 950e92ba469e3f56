package org.truce.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.truce.db.Rows;

/**
 * The append-only, hash-chained record of every state change. An entry is appended in the transaction of
 * the change it records, so the two commit or fail together; the {@code audit_state} row lock makes
 * parallel appends take turns, so the chain never forks.
 */
public final class AuditLog {

  /** The hash before the first entry. */
  public static final String GENESIS = "0".repeat(64);

  private static final ObjectMapper CANONICAL = JsonMapper.builder()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
      .configure(SerializationFeature.INDENT_OUTPUT, false)
      .build();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSX");

  private static final List<String> COLUMNS = List.of("seq", "at", "user_id", "party", "action", "entity_type", "entity_id",
      "change", "prev_hash", "hash");

  private final Jdbi jdbi;
  private final Clock clock;
  private final boolean postgres;

  public AuditLog(Jdbi jdbi, Clock clock) {
    this(jdbi, clock, false);
  }

  /** A log on jdbi; on PostgreSQL (postgres) an append takes two round trips to the server instead of four. */
  public AuditLog(Jdbi jdbi, Clock clock, boolean postgres) {
    this.jdbi = jdbi;
    this.clock = clock;
    this.postgres = postgres;
  }

  /** Who made a change: a user and its party, or the system itself (both null). */
  public record Actor(UUID userId, String party) {
    public static final Actor SYSTEM = new Actor(null, null);
  }

  /** One stored entry. */
  public record Entry(long seq, OffsetDateTime at, UUID userId, String party, String action, String entityType,
                      String entityId, String change, String prevHash, String hash) {}

  /** The latest entry's sequence number and hash (0 and {@link #GENESIS} while the log is empty). */
  public record Head(long seq, String hash) {}

  /**
   * Appends one entry in h's transaction and returns it. change is any JSON-able value (a map, a record, a
   * JsonNode); it is stored as canonical JSON: object keys sorted, no insignificant whitespace.
   */
  public Entry append(Handle h, Actor actor, String action, String entityType, String entityId, Object change) {
    try {
      return appendAll(h, List.of(new Change(actor, action, entityType, entityId, change)), false).get(0);
    } catch (SQLException e) {
      throw new IllegalStateException("appending to the audit log failed: " + e.getMessage(), e);
    }
  }

  /** A change to append: who, what, to which entity, and the change itself (any JSON-able value). */
  public record Change(Actor actor, String action, String entityType, String entityId, Object change) {}

  /**
   * Appends many entries in h's transaction under one turn of the lock, written in bulk (through COPY on
   * PostgreSQL when copy is set); the bulk import and the API's group commit use it.
   */
  public List<Entry> appendAll(Handle h, List<Change> changes, boolean copy) throws SQLException {
    if (changes.isEmpty()) {
      return List.of();
    }
    Head head;
    if (postgres) {
      head = h.createQuery("update audit_state set seq = seq + :n where id = 1 returning seq, hash").bind("n", changes.size())
          .map((rs, ctx) -> new Head(rs.getLong(1), rs.getString(2))).one();
    } else {
      h.createUpdate("update audit_state set seq = seq + :n where id = 1").bind("n", changes.size()).execute();
      head = h.createQuery("select seq, hash from audit_state where id = 1")
          .map((rs, ctx) -> new Head(rs.getLong(1), rs.getString(2))).one();
    }
    OffsetDateTime at = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    // the row lock is held: seq already counts these entries, hash is still the previous head's
    long seq = head.seq() - changes.size();
    String prev = head.hash();
    List<Entry> out = new ArrayList<>(changes.size());
    for (Change c : changes) {
      Entry e = new Entry(++seq, at, c.actor().userId(), c.actor().party(), c.action(), c.entityType(), c.entityId(),
          canonical(c.change()), prev, null);
      prev = hash(e);
      out.add(new Entry(e.seq(), at, e.userId(), e.party(), e.action(), e.entityType(), e.entityId(), e.change(),
          e.prevHash(), prev));
    }
    if (postgres && out.size() < Rows.COPY_MIN_ROWS) {
      insertWithHead(h, out, prev);
      return out;
    }
    Rows.insert(h.getConnection(), copy, "audit_log", COLUMNS, out, (e, row) -> {
      row.bigint(e.seq());
      row.time(e.at());
      row.uuid(e.userId());
      row.text(e.party());
      row.text(e.action());
      row.text(e.entityType());
      row.text(e.entityId());
      row.text(e.change());
      row.text(e.prevHash());
      row.text(e.hash());
    });
    h.createUpdate("update audit_state set hash = :hash where id = 1").bind("hash", prev).execute();
    return out;
  }

  /** PostgreSQL: the entries and the new head in one statement (a data-modifying WITH runs whether read or not). */
  private static void insertWithHead(Handle h, List<Entry> entries, String head) throws SQLException {
    StringBuilder sql = new StringBuilder("with s as (update audit_state set hash = ? where id = 1) insert into audit_log(")
        .append(String.join(", ", COLUMNS)).append(") values ");
    for (int i = 0; i < entries.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }
    try (PreparedStatement ps = h.getConnection().prepareStatement(sql.toString())) {
      int k = 1;
      ps.setString(k++, head);
      for (Entry e : entries) {
        ps.setLong(k++, e.seq());
        ps.setObject(k++, e.at());
        ps.setObject(k++, e.userId(), Types.OTHER);
        ps.setString(k++, e.party());
        ps.setString(k++, e.action());
        ps.setString(k++, e.entityType());
        ps.setString(k++, e.entityId());
        ps.setString(k++, e.change());
        ps.setString(k++, e.prevHash());
        ps.setString(k++, e.hash());
      }
      ps.executeUpdate();
    }
  }

  /** Appends one entry in a transaction of its own. */
  public Entry append(Actor actor, String action, String entityType, String entityId, Object change) {
    return jdbi.inTransaction(h -> append(h, actor, action, entityType, entityId, change));
  }

  /** The head as the log itself has it (its last entry), not as audit_state says. */
  public Head head() {
    return jdbi.withHandle(h -> h.createQuery("select seq, hash from audit_log order by seq desc limit 1")
        .map((rs, ctx) -> new Head(rs.getLong(1), rs.getString(2))).findOne().orElse(new Head(0, GENESIS)));
  }

  /** SHA-256 of the canonical JSON array of an entry's fields and the previous hash, in lowercase hex. */
  public static String hash(Entry e) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    a.add(e.seq());
    a.add(TIME.format(e.at().withOffsetSameInstant(ZoneOffset.UTC)));
    a.add(e.userId() == null ? null : e.userId().toString());
    a.add(e.party());
    a.add(e.action());
    a.add(e.entityType());
    a.add(e.entityId());
    a.add(e.change());
    a.add(e.prevHash());
    try {
      byte[] bytes = CANONICAL.writeValueAsBytes(a);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (JsonProcessingException | NoSuchAlgorithmException e2) {
      throw new IllegalStateException(e2);
    }
  }

  /** A value as canonical JSON: object keys sorted at every depth, no whitespace. */
  public static String canonical(Object value) {
    try {
      JsonNode tree = value instanceof JsonNode n ? n : CANONICAL.valueToTree(value);
      return CANONICAL.writeValueAsString(sorted(tree));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("audit change is not JSON-able: " + e.getMessage(), e);
    }
  }

  private static JsonNode sorted(JsonNode n) {
    if (n.isObject()) {
      Map<String, JsonNode> fields = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        fields.put(f.getKey(), sorted(f.getValue()));
      }
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      fields.forEach(o::set);
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      n.forEach(x -> a.add(sorted(x)));
      return a;
    }
    return n;
  }

  static Entry read(ResultSet rs) throws SQLException {
    return new Entry(rs.getLong("seq"), rs.getObject("at", OffsetDateTime.class), rs.getObject("user_id", UUID.class),
        rs.getString("party"), rs.getString("action"), rs.getString("entity_type"), rs.getString("entity_id"),
        rs.getString("change"), rs.getString("prev_hash"), rs.getString("hash"));
  }
}
