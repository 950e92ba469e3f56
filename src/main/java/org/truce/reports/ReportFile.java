package org.truce.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.truce.http.ApiException;
import org.truce.http.Bodies;
import org.truce.http.Json;

/**
 * Reads a bulk file of reports, NDJSON (one report object a line) or CSV (docs/import.md), as JSON objects
 * in the API's shape, so that one parser validates every way in.
 */
public final class ReportFile implements Closeable {

  /** The CSV columns, in order; a header row is required. */
  public static final List<String> CSV_COLUMNS = List.of("id", "source_type", "source_party", "source_reference",
      "occurred_at", "occurred_until", "time_precision", "lat", "lon", "precision_km", "place_name", "type",
      "alleged_perpetrator", "weapons", "civilians_killed", "civilians_injured", "combatants_killed",
      "combatants_injured", "description", "language");

  /** One item of the file: its line number and either the JSON or why it could not be read. */
  public record Item(long line, JsonNode json, String error) {}

  /** A line longer than this is refused on its own (and the rest of it skipped). */
  static final int MAX_LINE_BYTES = 1 << 20;

  private final java.io.Closeable source;
  private final InputStream bytes;
  private final CSVParser csv;
  private final java.util.Iterator<CSVRecord> records;
  private long line;
  private final byte[] chunk = new byte[1 << 16];
  private int pos;
  private int limit;

  private ReportFile(java.io.Closeable source, InputStream bytes, CSVParser csv) {
    this.source = source;
    this.bytes = bytes;
    this.csv = csv;
    this.records = csv == null ? null : csv.iterator();
  }

  public static ReportFile open(InputStream in, boolean isCsv) throws IOException {
    if (!isCsv) {
      // NDJSON is split into lines as bytes, so one line that is not UTF-8 is refused alone
      return new ReportFile(in, in, null);
    }
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r);
    List<String> missing = CSV_COLUMNS.stream().filter(c -> !p.getHeaderMap().containsKey(c)).toList();
    List<String> unknown = p.getHeaderNames().stream().filter(c -> !CSV_COLUMNS.contains(c)).toList();
    if (!unknown.isEmpty() || missing.contains("occurred_at")) {
      throw new IllegalArgumentException("CSV header: unknown columns " + unknown + ", missing " + missing
          + "; expected columns: " + String.join(",", CSV_COLUMNS));
    }
    return new ReportFile(r, null, p);
  }

  /** The next item, or null at the end of the file. */
  public Item next() throws IOException {
    return csv == null ? nextJson() : nextCsv();
  }

  private Item nextJson() throws IOException {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream(1024);
    while (true) {
      buf.reset();
      boolean tooLong = false;
      int b = 0;
      // scan the buffer for the end of the line; copy in runs, not byte by byte
      while (true) {
        if (pos == limit) {
          limit = bytes.read(chunk, 0, chunk.length);
          pos = 0;
          if (limit <= 0) {
            limit = 0;
            b = -1;
            break;
          }
        }
        int start = pos;
        while (pos < limit && chunk[pos] != '\n') {
          pos++;
        }
        int n = pos - start;
        if (buf.size() + n <= MAX_LINE_BYTES) {
          buf.write(chunk, start, n);
        } else {
          tooLong = true;
        }
        if (pos < limit) {
          pos++; // the newline
          b = '\n';
          break;
        }
      }
      if (b < 0 && buf.size() == 0 && !tooLong) {
        return null;
      }
      line++;
      if (tooLong) {
        return new Item(line, null, "a line may be at most " + MAX_LINE_BYTES + " bytes");
      }
      byte[] raw = buf.toByteArray();
      if (isBlank(raw)) {
        if (b < 0) {
          return null;
        }
        continue;
      }
      try {
        return new Item(line, Bodies.json(raw, "line"), null);
      } catch (ApiException e) {
        return new Item(line, null, e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message());
      }
    }
  }

  private static boolean isBlank(byte[] raw) {
    for (byte x : raw) {
      if (x != ' ' && x != '\t' && x != '\r') {
        return false;
      }
    }
    return true;
  }

  private Item nextCsv() {
    if (!records.hasNext()) {
      return null;
    }
    CSVRecord rec;
    try {
      rec = records.next();
    } catch (RuntimeException e) {
      return new Item(line + 1, null, "unreadable CSV: " + e.getMessage());
    }
    line = rec.getParser().getCurrentLineNumber();
    Map<String, String> m = rec.toMap();
    ObjectNode o = Json.MAPPER.createObjectNode();
    text(o, "id", m.get("id"));
    ObjectNode src = o.putObject("source");
    text(src, "type", m.get("source_type"));
    text(src, "party", m.get("source_party"));
    text(src, "reference", m.get("source_reference"));
    text(o, "occurredAt", m.get("occurred_at"));
    text(o, "occurredUntil", m.get("occurred_until"));
    text(o, "timePrecision", m.get("time_precision"));
    ObjectNode loc = o.putObject("location");
    number(loc, "lat", m.get("lat"));
    number(loc, "lon", m.get("lon"));
    number(loc, "precisionKm", m.get("precision_km"));
    text(loc, "placeName", m.get("place_name"));
    text(o, "type", m.get("type"));
    text(o, "allegedPerpetrator", m.get("alleged_perpetrator"));
    String weapons = m.get("weapons");
    if (weapons != null && !weapons.isBlank()) {
      ArrayNode w = o.putArray("weapons");
      for (String x : weapons.split(";")) {
        if (!x.isBlank()) {
          w.add(x.trim());
        }
      }
    }
    ObjectNode cas = Json.MAPPER.createObjectNode();
    number(cas, "civiliansKilled", m.get("civilians_killed"));
    number(cas, "civiliansInjured", m.get("civilians_injured"));
    number(cas, "combatantsKilled", m.get("combatants_killed"));
    number(cas, "combatantsInjured", m.get("combatants_injured"));
    if (!cas.isEmpty()) {
      o.set("casualties", cas);
    }
    text(o, "description", m.get("description"));
    text(o, "language", m.get("language"));
    return new Item(line, o, null);
  }

  private static void text(ObjectNode o, String name, String v) {
    if (v != null && !v.isEmpty()) {
      o.put(name, v);
    }
  }

  /** Numbers that do not parse stay text, so the parser names the field and what is allowed. */
  private static void number(ObjectNode o, String name, String v) {
    if (v == null || v.isBlank()) {
      return;
    }
    try {
      o.put(name, new BigDecimal(v.trim()));
    } catch (NumberFormatException e) {
      o.put(name, v);
    }
  }

  @Override
  public void close() throws IOException {
    if (csv != null) {
      csv.close();
    }
    source.close();
  }
}
