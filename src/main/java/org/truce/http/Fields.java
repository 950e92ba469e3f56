package org.truce.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Typed readers of a JSON request's fields that record a {@link FieldError} instead of throwing, so one answer
 * names every bad field and what is allowed there.
 */
public final class Fields {
  private final List<FieldError> errors;

  public Fields(List<FieldError> errors) {
    this.errors = errors;
  }

  public void error(String field, String message) {
    errors.add(new FieldError(field, message));
  }

  public void unknown(String prefix, JsonNode node, Set<String> allowed) {
    node.fieldNames().forEachRemaining(name -> {
      if (!allowed.contains(name)) {
        error(prefix + name, "unknown field; allowed here: " + String.join(", ", new java.util.TreeSet<>(allowed)));
      }
    });
  }

  public JsonNode object(String field, JsonNode n, boolean required) {
    if (n == null || n.isNull()) {
      if (required) {
        error(field, "is required");
      }
      return null;
    }
    if (!n.isObject()) {
      error(field, "must be an object");
      return null;
    }
    return n;
  }

  public String string(String field, JsonNode n, boolean required, int max) {
    if (n == null || n.isNull()) {
      if (required) {
        error(field, "is required");
      }
      return null;
    }
    if (!n.isTextual()) {
      error(field, "must be a string");
      return null;
    }
    String s = n.textValue();
    if (s.length() > max) {
      error(field, "at most " + max + " characters");
      return null;
    }
    return s;
  }

  /** Free text: kept verbatim, but without NUL or unpaired surrogates, which no database stores faithfully. */
  public String text(String field, JsonNode n, int maxChars) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      error(field, "must be a string");
      return null;
    }
    String s = n.textValue();
    int cps = s.codePointCount(0, s.length());
    if (cps > maxChars) {
      error(field, "at most " + maxChars + " characters, got " + cps);
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == 0) {
        error(field, "must not contain the NUL character (U+0000)");
        return null;
      }
      if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(ch)) {
        error(field, "contains an unpaired UTF-16 surrogate; send valid Unicode text");
        return null;
      }
    }
    return s;
  }

  public UUID uuid(String field, JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    String s = n.isTextual() ? n.textValue() : null;
    if (s != null && s.length() == 36) {
      try {
        UUID u = UUID.fromString(s);
        if (u.toString().equalsIgnoreCase(s)) {
          return u;
        }
      } catch (IllegalArgumentException ignored) {
        // reported below
      }
    }
    error(field, "must be a UUID string such as 6f1c7a52-3c55-4e5e-9b8e-0a1d2c3b4a01");
    return null;
  }

  public Double number(String field, JsonNode n, double min, double max) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isNumber()) {
      error(field, "must be a number between " + fmt(min) + " and " + fmt(max));
      return null;
    }
    double d = n.doubleValue();
    if (!Double.isFinite(d) || d < min || d > max) {
      error(field, "must be a number between " + fmt(min) + " and " + fmt(max) + ", got " + n.asText());
      return null;
    }
    return d;
  }

  public Integer count(String field, JsonNode n, int max) {
    if (n == null || n.isNull()) {
      return null;
    }
    String allowed = "must be a whole number from 0 to " + max;
    if (!n.isNumber() || ((n.isDouble() || n.isFloat()) && !Double.isFinite(n.doubleValue()))) {
      error(field, allowed);
      return null;
    }
    // range first: it compares exponents, so 1e30000000 is refused at once instead of being expanded
    java.math.BigDecimal v = n.decimalValue();
    if (v.signum() < 0 || v.compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
      error(field, allowed + ", got " + n.asText());
      return null;
    }
    if (v.stripTrailingZeros().scale() > 0) {
      error(field, allowed + ", got " + n.asText());
      return null;
    }
    return v.intValueExact();
  }

  /** An ISO 8601 date-time with offset, from earliest up to latest (a little after now, for clock skew). */
  public OffsetDateTime time(String field, JsonNode n, boolean required, OffsetDateTime earliest, OffsetDateTime now,
                             OffsetDateTime latest) {
    String s = string(field, n, required, 64);
    if (s == null) {
      return null;
    }
    OffsetDateTime t;
    try {
      t = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      error(field, "must be an ISO 8601 date-time with offset, such as 2026-11-20T14:30:00+03:00; got '" + s + "'");
      return null;
    }
    if (t.isBefore(earliest)) {
      error(field, "must not be before " + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(earliest));
      return null;
    }
    if (t.isAfter(latest)) {
      error(field, "must not be in the future (now is " + now.withOffsetSameInstant(ZoneOffset.UTC) + ")");
      return null;
    }
    return t;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
