package org.truce.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.truce.access.PermissionMatrixTest;
import org.truce.access.Role;
import org.truce.support.MutableClock;
import org.truce.support.TestServer;
import org.truce.support.TestServer.Answer;

/**
 * The OpenAPI description at /api/v1/openapi.json: served to anyone, a valid OpenAPI 3.1 document, describing
 * exactly the routes the server registers with the roles of docs/permissions.md, and with schemas that the real
 * answers match and examples that the real server accepts.
 */
@Tag("db")
class OpenApiTest {

  /** Where the document's schemas are registered for validation; never fetched. */
  static final String IRI = "https://truce.invalid/api/v1/openapi.json";
  static final Map<String, String> PARTY = Map.of("reporter", "SY-OPP", "reviewer", "RU", "coordinator", "SEC",
      "observer", "UN", "wg-member", "ICRC", "admin", "SEC");

  private static TestServer server;
  private static JsonNode doc;
  private static SchemaRegistry schemas;
  private static final Map<String, String> TOKENS = new HashMap<>();

  /** One operation of the document. */
  record Op(String method, String path, JsonNode node) {
    String route() {
      return method + " " + path;
    }

    /** JSON pointer of this operation in the document. */
    String pointer() {
      return "/paths/" + escape(path) + "/" + method.toLowerCase(java.util.Locale.ROOT);
    }
  }

  @BeforeAll
  static void start() throws IOException {
    // the examples are of November 2026; the server's clock is after them, whatever the machine's says
    server = TestServer.start(new MutableClock(Instant.parse("2026-11-23T12:00:00Z")));
    for (String role : PermissionMatrixTest.ROLES) {
      TOKENS.put(role, server.token("openapi-" + role, PARTY.get(role), Role.fromCode(role)));
    }
    Answer a = server.request("GET", OpenApi.PATH, null, null);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    doc = a.json();
    // the validator reads the whole document as a schema resource and warns of its other keys (openapi, info, paths)
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.networknt.schema.keyword.UnknownKeywordFactory"))
        .setLevel(ch.qos.logback.classic.Level.ERROR);
    schemas = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), b -> b
        .schemas(Map.of(IRI, a.body()))
        .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  // ---------------------------------------------------------------- the document itself

  @Test
  void isServedToAnyoneAsJson() {
    Answer anonymous = server.request("GET", OpenApi.PATH, null, null);
    assertThat(anonymous.status()).isEqualTo(200);
    assertThat(anonymous.contentType()).startsWith("application/json");
    assertThat(anonymous.json().path("openapi").asText()).isEqualTo("3.1.0");
    // a bad token does not matter here, and the exception is for reading this path only
    assertThat(server.request("GET", OpenApi.PATH, null, "truce_not-a-token").status()).isEqualTo(200);
    assertThat(server.request("POST", OpenApi.PATH, "{}", null).status()).isEqualTo(401);
    assertThat(server.request("GET", "/api/v1/zones", null, null).status()).isEqualTo(401);
  }

  @Test
  void isAValidOpenApi31Document() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult r = new OpenAPIV3Parser().readContents(doc.toString(), null, options);
    assertThat(r.getMessages()).as("what the OpenAPI parser found wrong").isEmpty();
    assertThat(r.getOpenAPI().getSpecVersion()).isEqualTo(SpecVersion.V31);
  }

  @Test
  void describesExactlyTheRoutesTheServerRegisters() {
    Set<String> registered = new TreeSet<>();
    server.server.routes().stream().filter(r -> r.path().startsWith("/api/"))
        .forEach(r -> registered.add(r.method() + " " + r.path().replaceAll("<([^>]+)>", "{$1}")));
    Set<String> described = new TreeSet<>();
    operations().forEach(op -> described.add(op.route()));

    List<String> wrong = new ArrayList<>();
    for (String r : registered) {
      if (!described.contains(r)) {
        wrong.add(r + " is served but not described: add it under \"paths\" in src/main/resources/org/truce/<feature>/openapi.json"
            + " (a new feature's file also needs its name in OpenApi.FEATURES)");
      }
    }
    for (String d : described) {
      if (!registered.contains(d)) {
        wrong.add(d + " is described but the server has no such route: remove it from the description, or register it");
      }
    }
    assertThat(wrong).as(String.join("\n", wrong)).isEmpty();
  }

  @Test
  void everyOperationHasASummaryASuccessAndItsErrors() {
    Set<String> operationIds = new TreeSet<>();
    for (Op op : operations()) {
      JsonNode o = op.node();
      String at = op.route() + ": ";
      assertThat(o.path("summary").asText()).as(at + "summary").isNotBlank();
      assertThat(operationIds.add(o.path("operationId").asText())).as(at + "a unique operationId").isTrue();
      assertThat(o.path("tags").size()).as(at + "a tag").isPositive();
      Set<String> statuses = new TreeSet<>();
      o.path("responses").fieldNames().forEachRemaining(statuses::add);
      List<String> successes = statuses.stream().filter(s -> s.startsWith("2")).toList();
      assertThat(successes).as(at + "a 2xx answer").isNotEmpty();
      for (String s : successes) {
        JsonNode content = response(o, s).path("content");
        assertThat(s.equals("204") ? content.isMissingNode() : content.size() > 0).as(at + s + " has a schema (none for 204)").isTrue();
        content.forEach(c -> assertThat(c.has("schema")).as(at + s + " schema").isTrue());
      }
      for (String s : statuses) {
        if (s.startsWith("4") || s.startsWith("5")) {
          assertThat(response(o, s).path("content").path("application/problem+json").path("schema").path("$ref").asText())
              .as(at + s + " is a problem document").isEqualTo("#/components/schemas/Problem");
        }
      }
      JsonNode roles = o.path("x-roles");
      assertThat(roles.isArray() && roles.size() > 0).as(at + "x-roles").isTrue();
      roles.forEach(r -> assertThat(Role.codes()).as(at + "x-roles").contains(r.asText()));

      boolean open = o.has("security") && o.get("security").isEmpty();
      boolean reads = op.method().equals("GET");
      if (!open) {
        assertThat(statuses).as(at + "401 without credentials").contains("401");
      }
      if (!reads) {
        assertThat(o.path("security").toString()).as(at + "the session cookie needs X-CSRF-Token")
            .isEqualTo("[{\"bearerAuth\":[]},{\"sessionCookie\":[],\"csrfToken\":[]}]");
        assertThat(statuses).as(at + "403 for a missing CSRF token").contains("403");
      }
      if (roles.size() < PermissionMatrixTest.ROLES.size()) {
        assertThat(statuses).as(at + "403 for the other roles").contains("403");
      }
      java.util.regex.Matcher template = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(op.path());
      while (template.find()) {
        String name = template.group(1);
        assertThat(parameters(o)).as(at + "the path parameter " + name)
            .anySatisfy(p -> assertThat(p.path("in").asText() + " " + p.path("name").asText()).isEqualTo("path " + name));
        assertThat(statuses).as(at + "404 for an unknown " + name).contains("404");
      }
      if (Set.of("POST", "PUT", "PATCH").contains(op.method()) && !o.has("requestBody")) {
        assertThat(o.path("description").asText()).as(at + "a requestBody, or a description that starts \"No body.\"")
            .startsWith("No body.");
      }
      if (o.has("requestBody")) {
        assertThat(statuses).as(at + "the answers to a bad body").contains("400", "413", "415", "422");
      }
      if (parameters(o).stream().anyMatch(p -> p.path("in").asText().equals("query"))) {
        assertThat(statuses).as(at + "422 for a bad query parameter").contains("422");
      }
    }
  }

  /** x-roles are the roles that docs/permissions.md lets succeed on one's own objects; security [] is "without credentials". */
  @Test
  void rolesAreThoseOfThePermissionMatrix() throws IOException {
    Map<String, Op> byRoute = new TreeMap<>();
    operations().forEach(op -> byRoute.put(op.route(), op));
    for (PermissionMatrixTest.Row row : PermissionMatrixTest.matrix()) {
      Op op = byRoute.get(row.route());
      assertThat(op).as(row.route() + " is described").isNotNull();
      Set<String> allowed = new TreeSet<>();
      row.cells().forEach((role, cell) -> {
        if (cell[0] / 100 == 2) {
          allowed.add(role);
        }
      });
      Set<String> documented = new TreeSet<>();
      op.node().path("x-roles").forEach(r -> documented.add(r.asText()));
      assertThat(documented).as(row.route() + " x-roles").isEqualTo(allowed);
      boolean open = op.node().has("security") && op.node().get("security").isEmpty();
      assertThat(open).as(row.route() + " needs no credentials").isEqualTo(row.withoutCredentials() / 100 == 2);
    }
  }

  @Test
  void everyExampleMatchesItsSchema() {
    for (Op op : operations()) {
      op.node().path("requestBody").path("content").fields().forEachRemaining(e -> {
        if (e.getValue().has("example")) {
          String pointer = op.pointer() + "/requestBody/content/" + escape(e.getKey());
          assertMatches(pointer + "/schema", e.getValue().get("example"), op.route() + " example");
        }
      });
    }
  }

  // ---------------------------------------------------------------- the document against the real server

  @Test
  void theReportExampleIsStored() {
    Op op = operation("POST", "/api/v1/reports");
    JsonNode example = op.node().at("/requestBody/content/application~1json/example");
    Answer a = server.request("POST", "/api/v1/reports", example.toString(), TOKENS.get("admin"));
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    assertAnswers(op, a);

    Answer again = server.request("POST", "/api/v1/reports", example.toString(), TOKENS.get("admin"));
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertAnswers(op, again);

    // the schema says unknown fields are refused; so does the server
    ObjectNode extra = example.deepCopy();
    extra.put("colour", "red");
    extra.put("id", UUID.randomUUID().toString());
    Answer refused = server.request("POST", "/api/v1/reports", extra.toString(), TOKENS.get("admin"));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("colour");
    assertAnswers(op, refused);

    String id = example.path("id").asText();
    assertAnswers(operation("GET", "/api/v1/reports/{id}"), server.request("GET", "/api/v1/reports/" + id, null, TOKENS.get("admin")));
    String incident = a.json().path("incidentId").asText();
    assertAnswers(operation("GET", "/api/v1/incidents/{id}"), server.request("GET", "/api/v1/incidents/" + incident, null, TOKENS.get("reviewer")));
  }

  @Test
  void theBatchAnswerMatches() {
    Op op = operation("POST", "/api/v1/reports/batch");
    JsonNode good = operation("POST", "/api/v1/reports").node().at("/requestBody/content/application~1json/example");
    ObjectNode fresh = good.deepCopy();
    fresh.put("id", UUID.randomUUID().toString());
    Answer a = server.request("POST", "/api/v1/reports/batch", "[" + fresh + ", {\"type\": \"teleportation\"}]", TOKENS.get("admin"));
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().path("rejected").asInt()).isEqualTo(1);
    assertAnswers(op, a);
  }

  @Test
  void theVerificationExamplesAreAccepted() {
    String incident = storeReport("SY-GOV");
    Op assess = operation("POST", "/api/v1/incidents/{id}/assessments");
    Answer a = server.request("POST", "/api/v1/incidents/" + incident + "/assessments",
        assess.node().at("/requestBody/content/application~1json/example").toString(), TOKENS.get("reviewer"));
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    assertAnswers(assess, a);

    String govReporter = server.token("openapi-gov-reporter", "SY-GOV", Role.REPORTER);
    Op respond = operation("POST", "/api/v1/incidents/{id}/responses");
    Answer r = server.request("POST", "/api/v1/incidents/" + incident + "/responses",
        respond.node().at("/requestBody/content/application~1json/example").toString(), govReporter);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertAnswers(respond, r);

    for (String role : List.of("admin", "observer")) { // named and unnamed people
      assertAnswers(operation("GET", "/api/v1/incidents/{id}/assessments"),
          server.request("GET", "/api/v1/incidents/" + incident + "/assessments", null, TOKENS.get(role)));
      assertAnswers(operation("GET", "/api/v1/incidents/{id}/responses"),
          server.request("GET", "/api/v1/incidents/" + incident + "/responses", null, TOKENS.get(role)));
      assertAnswers(operation("GET", "/api/v1/incidents/{id}"), server.request("GET", "/api/v1/incidents/" + incident, null, TOKENS.get(role)));
    }
  }

  @Test
  void theUserExamplesAreAccepted() {
    Op create = operation("POST", "/api/v1/users");
    Answer u = server.request("POST", "/api/v1/users", create.node().at("/requestBody/content/application~1json/example").toString(),
        TOKENS.get("admin"));
    assertThat(u.status()).as(u.body()).isEqualTo(201);
    assertAnswers(create, u);
    String id = u.json().path("id").asText();
    assertAnswers(operation("GET", "/api/v1/users/{id}"), server.request("GET", "/api/v1/users/" + id, null, TOKENS.get("admin")));
    Op issue = operation("POST", "/api/v1/users/{id}/tokens");
    Answer t = server.request("POST", "/api/v1/users/" + id + "/tokens",
        issue.node().at("/requestBody/content/application~1json/example").toString(), TOKENS.get("admin"));
    assertThat(t.status()).as(t.body()).isEqualTo(201);
    assertAnswers(issue, t);
    assertAnswers(operation("GET", "/api/v1/users/{id}/tokens"),
        server.request("GET", "/api/v1/users/" + id + "/tokens", null, TOKENS.get("admin")));
    Op roles = operation("PUT", "/api/v1/users/{id}/roles");
    Answer changed = server.request("PUT", "/api/v1/users/" + id + "/roles",
        roles.node().at("/requestBody/content/application~1json/example").toString(), TOKENS.get("admin"));
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertAnswers(roles, changed);
  }

  @Test
  void theBulletinExamplesAreAccepted() {
    storeReport("SY-GOV"); // on 20 November 2026 in Idlib: the period and zone of the draft example
    Op rule = operation("PUT", "/api/v1/settings/signature-rule");
    Answer r = server.request("PUT", rule.path(), example(rule).toString(), TOKENS.get("admin"));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertAnswers(rule, r);

    Op register = operation("POST", "/api/v1/guarantor-keys");
    Answer k = server.request("POST", register.path(), example(register).toString(), TOKENS.get("reviewer"));
    assertThat(k.status()).as(k.body()).isEqualTo(201);
    assertAnswers(register, k);
    Op sign = operation("POST", "/api/v1/bulletins/{id}/signatures");
    assertThat(example(sign).path("keyId").asText()).as("the signature example names the key example").isEqualTo(k.json().path("id").asText());

    Op draft = operation("POST", "/api/v1/bulletins");
    Answer d = server.request("POST", draft.path(), example(draft).toString(), TOKENS.get("coordinator"));
    assertThat(d.status()).as(d.body()).isEqualTo(201);
    assertAnswers(draft, d);
    assertThat(d.json().at("/bulletin/incidents").size()).as("the example's day has the stored report's incident").isPositive();
    String id = d.json().path("id").asText();

    // the example key's private half was not kept: its signature is of something else, and refused as such
    Answer refused = server.request("POST", "/api/v1/bulletins/" + id + "/signatures", example(sign).toString(), TOKENS.get("reviewer"));
    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("signature");
    assertAnswers(sign, refused);
    // under the example rule (majority) two guarantors of three issue it
    for (String token : List.of(TOKENS.get("reviewer"), server.token("openapi-reviewer-tr", "TR", Role.REVIEWER))) {
      java.security.KeyPair pair = org.truce.bulletins.Ed25519.generate();
      Answer key = server.request("POST", register.path(), Json.MAPPER.createObjectNode()
          .put("publicKey", org.truce.bulletins.Ed25519.pem(pair.getPublic())).toString(), token);
      assertThat(key.status()).as(key.body()).isEqualTo(201);
      byte[] signed = org.truce.bulletins.SignedDocument.signedBytes(
          server.request("GET", "/api/v1/bulletins/" + id + "/signed", null, token).json());
      Answer s = server.request("POST", "/api/v1/bulletins/" + id + "/signatures", Json.MAPPER.createObjectNode()
          .put("keyId", key.json().path("id").asText())
          .put("signature", org.truce.bulletins.Ed25519.sign(pair.getPrivate(), signed)).toString(), token);
      assertThat(s.status()).as(s.body()).isEqualTo(201);
      assertAnswers(sign, s);
    }
    assertAnswers(operation("GET", "/api/v1/bulletins/{id}/signed"),
        server.request("GET", "/api/v1/bulletins/" + id + "/signed", null, TOKENS.get("observer")));

    ObjectNode correction = Json.MAPPER.createObjectNode().put("from", "2026-11-20").put("to", "2026-11-20").put("corrects", id);
    Answer c = server.request("POST", draft.path(), correction.toString(), TOKENS.get("coordinator"));
    assertThat(c.status()).as(c.body()).isEqualTo(201);
    assertAnswers(draft, c);

    Op one = operation("GET", "/api/v1/bulletins/{id}");
    for (String role : List.of("admin", "observer")) { // with the internal note, and without
      for (String format : List.of("json", "html", "pdf")) {
        Answer a = server.request("GET", "/api/v1/bulletins/" + id + "?format=" + format, null, TOKENS.get(role));
        assertThat(a.status()).as(role + " " + format + ": " + a.body()).isEqualTo(200);
        assertAnswers(one, a);
      }
      assertAnswers(operation("GET", "/api/v1/bulletins/records"), server.request("GET", "/api/v1/bulletins/records", null, TOKENS.get(role)));
    }
    Answer internal = server.request("GET", "/api/v1/bulletins/" + id + "?format=html&audience=internal", null, TOKENS.get("observer"));
    assertThat(internal.status()).isEqualTo(403);
    assertAnswers(one, internal);
    assertAnswers(one, server.request("GET", "/api/v1/bulletins/" + id + "?format=doc", null, TOKENS.get("observer")));

    Op compute = operation("GET", "/api/v1/bulletins");
    for (String format : List.of("json", "html", "pdf")) {
      Answer a = server.request("GET", "/api/v1/bulletins?from=2026-11-20&to=2026-11-20&audience=internal&format=" + format, null, TOKENS.get("admin"));
      assertThat(a.status()).as(format + ": " + a.body()).isEqualTo(200);
      assertAnswers(compute, a);
    }

    Op revoke = operation("POST", "/api/v1/guarantor-keys/{id}/revoke");
    Answer rev = server.request("POST", "/api/v1/guarantor-keys/" + k.json().path("id").asText() + "/revoke", null, TOKENS.get("admin"));
    assertThat(rev.status()).as(rev.body()).isEqualTo(200);
    assertAnswers(revoke, rev);
    assertAnswers(operation("GET", "/api/v1/guarantor-keys"), server.request("GET", "/api/v1/guarantor-keys", null, TOKENS.get("observer")));
  }

  /**
   * Every GET without a path parameter, by a role it names, answers 200 with what its schema says; its required
   * query parameters, if any, take their examples.
   */
  @Test
  void everyListAnswersAsDescribed() {
    storeReport("SY-GOV");
    for (Op op : operations()) {
      if (!op.method().equals("GET") || op.path().contains("{")) {
        continue;
      }
      String token = tokenFor(op);
      String uri = op.path() + requiredQuery(op);
      Answer a = server.request("GET", uri, null, token);
      assertThat(a.status()).as(op.route() + ": " + a.body()).isEqualTo(200);
      assertAnswers(op, a);
      JsonNode content = op.node().at("/responses/200/content");
      if (content.has("application/geo+json") && content.has("application/json")) {
        Answer geo = server.get(uri, token, "application/geo+json");
        assertThat(geo.contentType()).as(op.route()).startsWith("application/geo+json");
        assertAnswers(op, geo);
      }
    }
  }

  /** Every value a query parameter's schema lists is accepted, and one it does not list is refused naming it. */
  @Test
  void everyListedQueryValueIsAccepted() {
    int checked = 0;
    for (Op op : operations()) {
      if (op.path().contains("{")) {
        continue; // it needs a real object: theBulletinExamplesAreAccepted asks GET /api/v1/bulletins/{id} in each format
      }
      for (JsonNode p : parameters(op.node())) {
        JsonNode schema = p.path("schema");
        JsonNode values = resolve(schema.has("items") ? schema.get("items") : schema).path("enum");
        if (!p.path("in").asText().equals("query") || !values.isArray()) {
          continue;
        }
        String name = p.path("name").asText();
        for (JsonNode v : values) {
          Answer a = server.request("GET", op.path() + "?" + name + "=" + encode(v.asText()), null, tokenFor(op));
          assertThat(a.status()).as(op.route() + " ?" + name + "=" + v.asText() + ": " + a.body()).isEqualTo(200);
          checked++;
        }
        Answer refused = server.request("GET", op.path() + "?" + name + "=not-a-listed-value", null, tokenFor(op));
        assertThat(refused.status()).as(op.route() + " ?" + name).isEqualTo(422);
        assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo(name);
      }
    }
    assertThat(checked).as("values checked (zone, type, perpetrator, finding)").isGreaterThan(20);
  }

  @Test
  void errorsAreTheDescribedProblemDocuments() {
    Op op = operation("GET", "/api/v1/incidents");
    Answer unauthorized = server.request("GET", "/api/v1/incidents", null, null);
    assertThat(unauthorized.status()).isEqualTo(401);
    assertAnswers(op, unauthorized);
    Answer invalid = server.request("GET", "/api/v1/incidents?limit=0&colour=red", null, TOKENS.get("observer"));
    assertThat(invalid.status()).isEqualTo(422);
    assertAnswers(op, invalid);
    Op get = operation("GET", "/api/v1/reports/{id}");
    Answer missing = server.request("GET", "/api/v1/reports/" + UUID.randomUUID(), null, TOKENS.get("admin"));
    assertThat(missing.status()).isEqualTo(404);
    assertAnswers(get, missing);
  }

  // ---------------------------------------------------------------- helpers

  static List<Op> operations() {
    List<Op> ops = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> p = paths.next();
      for (Iterator<Map.Entry<String, JsonNode>> ms = p.getValue().fields(); ms.hasNext(); ) {
        Map.Entry<String, JsonNode> m = ms.next();
        if (Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace").contains(m.getKey())) {
          ops.add(new Op(m.getKey().toUpperCase(java.util.Locale.ROOT), p.getKey(), m.getValue()));
        }
      }
    }
    return ops;
  }

  static Op operation(String method, String path) {
    return operations().stream().filter(o -> o.method().equals(method) && o.path().equals(path)).findFirst()
        .orElseThrow(() -> new AssertionError(method + " " + path + " is not described"));
  }

  /**
   * The answer's status and content type are described for the operation, and the body matches that schema (a
   * JSON body as JSON, any other as a string).
   */
  static void assertAnswers(Op op, Answer a) {
    String status = Integer.toString(a.status());
    JsonNode responses = op.node().path("responses");
    assertThat(responses.has(status)).as(op.route() + " describes " + status + ": " + a.body()).isTrue();
    String mediaType = a.contentType().split(";")[0].trim();
    JsonNode r = responses.get(status);
    String pointer = r.has("$ref") ? r.get("$ref").asText().substring(1) : op.pointer() + "/responses/" + status;
    assertThat(response(op.node(), status).path("content").has(mediaType)).as(op.route() + " " + status + " as " + mediaType).isTrue();
    if (mediaType.equals("text/html") || mediaType.equals("application/pdf")) {
      return; // HTML, PDF: the schema says only that it is that file
    }
    // a body that is not JSON (the CSV exports) is, to its schema, one string
    JsonNode body = mediaType.endsWith("json") ? a.json() : TextNode.valueOf(a.body());
    assertMatches(pointer + "/content/" + escape(mediaType) + "/schema", body, op.route() + " " + status);
  }

  static void assertMatches(String pointer, JsonNode instance, String what) {
    List<Error> errors = schemas.getSchema(SchemaLocation.of(IRI + "#" + pointer)).validate(instance);
    String shown = instance.toString();
    shown = shown.length() > 2000 ? shown.substring(0, 2000) + "…" : shown;
    assertThat(errors).as(what + " against " + pointer + ":\n" + errors + "\n" + shown).isEmpty();
  }

  /** The example of an operation's JSON request body. */
  static JsonNode example(Op op) {
    return op.node().at("/requestBody/content/application~1json/example");
  }

  /** The query string of the operation's required query parameters, each with its example ("" when none). */
  static String requiredQuery(Op op) {
    StringBuilder q = new StringBuilder();
    for (JsonNode p : parameters(op.node())) {
      if (p.path("in").asText().equals("query") && p.path("required").asBoolean()) {
        assertThat(p.has("example")).as(op.route() + ": the required query parameter " + p.path("name").asText() + " has an example").isTrue();
        q.append(q.length() == 0 ? "?" : "&").append(encode(p.path("name").asText())).append('=').append(encode(p.get("example").asText()));
      }
    }
    return q.toString();
  }

  /** A response, following a $ref to components.responses. */
  static JsonNode response(JsonNode op, String status) {
    return resolve(op.path("responses").path(status));
  }

  static List<JsonNode> parameters(JsonNode op) {
    List<JsonNode> out = new ArrayList<>();
    op.path("parameters").forEach(p -> out.add(resolve(p)));
    return out;
  }

  static JsonNode resolve(JsonNode n) {
    return n.has("$ref") ? doc.at(n.get("$ref").asText().substring(1)) : n;
  }

  /** A token of the first role the operation names, admin when it may. */
  static String tokenFor(Op op) {
    List<String> roles = new ArrayList<>();
    op.node().path("x-roles").forEach(r -> roles.add(r.asText()));
    return TOKENS.get(roles.contains("admin") ? "admin" : roles.get(0));
  }

  /** Stores a fresh report alleging that perpetrator; returns its incident. */
  static String storeReport(String perpetrator) {
    ObjectNode r = operation("POST", "/api/v1/reports").node().at("/requestBody/content/application~1json/example").deepCopy();
    r.put("id", UUID.randomUUID().toString());
    r.put("allegedPerpetrator", perpetrator);
    r.put("description", "report " + r.get("id").asText());
    Answer a = server.request("POST", "/api/v1/reports", r.toString(), TestServer.ADMIN_TOKEN);
    assertThat(a.status()).as(a.body()).isEqualTo(201);
    return a.json().path("incidentId").asText();
  }

  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
