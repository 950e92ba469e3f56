package org.truce.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The API's OpenAPI 3.1 description, served at {@value #PATH}. It is written by hand, one part per feature:
 * {@code org/truce/http/openapi.json} holds what is shared (security schemes, problem documents, the lists of
 * allowed values), and {@code org/truce/<feature>/openapi.json} the paths of that feature's routes, with the
 * schemas only they use. {@code OpenApiTest} checks it against the routes the server registers.
 *
 * <pre>curl http://localhost:8080/api/v1/openapi.json</pre>
 */
public final class OpenApi {

  public static final String PATH = "/api/v1/openapi.json";

  /** The shared part. */
  static final String BASE = "org/truce/http/openapi.json";

  /**
   * The features whose routes are described, each in {@code org/truce/<feature>/openapi.json}. A new feature
   * with routes adds its name here.
   */
  static final List<String> FEATURES = List.of("zones", "reports", "incidents", "exports", "verification", "audit", "access",
      "bulletins", "places");

  private final byte[] bytes;

  private OpenApi(ObjectNode document) {
    try {
      this.bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The document of every feature, with the allowed values of the named schemas under {@code components.schemas}
   * set from the code and this deployment's data (zones and parties are data, so the lists are this server's).
   */
  public static OpenApi load(Map<String, List<String>> enums) {
    ObjectNode doc = read(BASE);
    for (String feature : FEATURES) {
      String name = "org/truce/" + feature + "/openapi.json";
      merge(doc, read(name), name);
    }
    ObjectNode schemas = (ObjectNode) doc.path("components").path("schemas");
    for (Map.Entry<String, List<String>> e : enums.entrySet()) {
      JsonNode s = schemas.get(e.getKey());
      if (!(s instanceof ObjectNode o) || o.has("enum")) {
        throw new IllegalStateException(BASE + ": components.schemas." + e.getKey()
            + " must exist, without an enum: the server fills in its allowed values");
      }
      ArrayNode values = o.putArray("enum");
      e.getValue().forEach(values::add);
    }
    return new OpenApi(doc);
  }

  void serve(Context ctx) {
    ctx.status(200).contentType("application/json").result(bytes);
  }

  private static ObjectNode read(String resource) {
    try (InputStream in = OpenApi.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      JsonNode n = Json.MAPPER.readTree(in);
      if (!(n instanceof ObjectNode o)) {
        throw new IllegalStateException(resource + " must hold a JSON object");
      }
      return o;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** Adds a feature's paths and components; a name that is already taken is a mistake, not an override. */
  private static void merge(ObjectNode doc, ObjectNode part, String name) {
    for (Iterator<String> it = part.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!key.equals("paths") && !key.equals("components")) {
        throw new IllegalStateException(name + ": only paths and components belong in a feature's part, not " + key);
      }
    }
    ObjectNode paths = doc.withObjectProperty("paths");
    for (Iterator<Map.Entry<String, JsonNode>> it = part.path("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      // two features may hold routes of one path (other methods), never the same operation
      mergeInto(paths.withObjectProperty(path.getKey()), path.getValue(), name + ": paths." + path.getKey());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = part.path("components").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> kind = it.next();
      mergeInto(doc.withObjectProperty("components").withObjectProperty(kind.getKey()), kind.getValue(),
          name + ": components." + kind.getKey());
    }
  }

  private static void mergeInto(ObjectNode target, JsonNode source, String where) {
    for (Iterator<Map.Entry<String, JsonNode>> it = source.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (target.has(e.getKey())) {
        throw new IllegalStateException(where + "." + e.getKey() + " is already described elsewhere");
      }
      target.set(e.getKey(), e.getValue());
    }
  }
}
