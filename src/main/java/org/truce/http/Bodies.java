package org.truce.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Reads request bodies with the documented limits, turning every way they can be wrong into a precise problem. */
public final class Bodies {

  private Bodies() {}

  /** The media type of the request without parameters, lower case; refuses charsets other than UTF-8. */
  public static String mediaType(Context ctx, List<String> allowed) {
    String ct = ctx.header("Content-Type");
    if (ct == null) {
      throw ApiException.unsupportedMediaType("Content-Type is required; allowed: " + String.join(", ", allowed));
    }
    String[] parts = ct.split(";");
    String type = parts[0].trim().toLowerCase(Locale.ROOT);
    if (!allowed.contains(type)) {
      throw ApiException.unsupportedMediaType("Content-Type " + type + " is not accepted here; allowed: " + String.join(", ", allowed));
    }
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].trim().toLowerCase(Locale.ROOT);
      if (p.startsWith("charset=") && !p.equals("charset=utf-8") && !p.equals("charset=\"utf-8\"")) {
        throw ApiException.unsupportedMediaType("only UTF-8 is accepted, got " + p);
      }
    }
    return type;
  }

  /** The body, refused with 413 past maxBytes. */
  public static byte[] bytes(Context ctx, int maxBytes, String what) {
    long declared = ctx.contentLength();
    if (declared > maxBytes) {
      drain(ctx);
      throw ApiException.tooLarge(what + " may be at most " + maxBytes + " bytes, got " + declared);
    }
    byte[] b = ctx.bodyAsBytes();
    if (b.length > maxBytes) {
      throw ApiException.tooLarge(what + " may be at most " + maxBytes + " bytes, got " + b.length);
    }
    return b;
  }

  /** Bodies up to this size are read and dropped before a 413, so that the client gets the answer, not a reset. */
  static final long DRAIN_LIMIT = 64L * 1024 * 1024;

  private static void drain(Context ctx) {
    try (var in = ctx.req().getInputStream()) {
      byte[] buf = new byte[64 * 1024];
      long total = 0;
      for (int n; total < DRAIN_LIMIT && (n = in.read(buf)) > 0; ) {
        total += n;
      }
    } catch (IOException e) {
      // the client went away: nothing to answer
    }
  }

  /** A JSON object body of at most maxBytes, sent as application/json; 400, 413 or 415 otherwise. */
  public static ObjectNode object(Context ctx, int maxBytes, String what) {
    mediaType(ctx, List.of("application/json"));
    JsonNode n = json(bytes(ctx, maxBytes, what), "body");
    if (!n.isObject()) {
      throw ApiException.badRequest(what + " must be a JSON object", List.of(new FieldError("body", "must be a JSON object")));
    }
    return (ObjectNode) n;
  }

  /** Parses JSON, answering 400 with the position of the first fault for malformed or non-UTF-8 input. */
  public static JsonNode json(byte[] body, String field) {
    requireUtf8(body, field);
    if (body.length == 0) {
      throw ApiException.badRequest("the body is empty; a JSON document is expected", List.of(new FieldError(field, "is empty")));
    }
    try {
      return Json.MAPPER.readTree(body);
    } catch (StreamConstraintsException e) {
      throw ApiException.badRequest("the JSON exceeds a limit: at most " + Json.MAX_DEPTH + " levels of nesting, numbers of 64 digits",
          List.of(new FieldError(field, firstLine(e.getOriginalMessage()))));
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw ApiException.badRequest("malformed JSON" + where,
          List.of(new FieldError(field, "malformed JSON" + where + ": " + firstLine(e.getOriginalMessage()))));
    } catch (IOException e) {
      throw ApiException.badRequest("unreadable body", List.of(new FieldError(field, e.getMessage())));
    }
  }

  public static void requireUtf8(byte[] body, String field) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
    } catch (CharacterCodingException e) {
      throw ApiException.badRequest("the body is not valid UTF-8",
          List.of(new FieldError(field, "must be UTF-8 encoded JSON")));
    }
  }

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
