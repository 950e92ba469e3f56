package org.truce.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.truce.App;
import org.truce.audit.AuditLog;
import org.truce.access.Access;
import org.truce.access.Role;
import org.truce.access.User;
import org.truce.http.ApiException;
import org.truce.http.Bodies;
import org.truce.http.FieldError;
import org.truce.http.HttpServer;
import org.truce.http.Json;
import org.truce.http.Problems;
import org.truce.http.Responses;

/**
 * Report intake.
 *
 * <pre>
 * curl -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
 *   -d '{"source":{"type":"party_complaint","party":"SY-OPP"},"occurredAt":"2026-11-20T14:30:00+03:00",
 *        "location":{"placeName":"Saraqib"},"type":"shelling","allegedPerpetrator":"SY-GOV"}' \
 *   http://localhost:8080/api/v1/reports
 * curl -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/x-ndjson' \
 *   --data-binary @reports.ndjson http://localhost:8080/api/v1/reports/batch
 * </pre>
 */
public final class ReportRoutes {

  static final String NDJSON = "application/x-ndjson";

  private final App app;
  private final Ingest ingest;

  /** The routes over the app's own ingest (which appends every stored report to the audit log). */
  public ReportRoutes(App app) {
    this(app, app.ingest);
  }

  /** The routes over another ingest: only the audit-cost benchmark passes one (see HttpServer). */
  public ReportRoutes(App app, Ingest ingest) {
    this.app = app;
    this.ingest = ingest;
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/reports", this::submitOne);
    routes.post("/api/v1/reports/batch", this::submitBatch);
    routes.get("/api/v1/reports/{id}", this::getOne);
  }

  private void submitOne(Context ctx) {
    User user = submitter(ctx);
    Bodies.mediaType(ctx, List.of("application/json"));
    JsonNode node = Bodies.json(Bodies.bytes(ctx, app.settings.limits().maxReportBytes(), "a report"), "body");
    ReportParser.Result parsed = app.parser.parse(node);
    if (!parsed.ok()) {
      throw ApiException.invalid(parsed.errors());
    }
    checkSource(user, parsed.report());
    Outcome o = await(ingest.submit(List.of(parsed.report()), new AuditLog.Actor(user.id(), user.party())).get(0));
    if (o.status() == 409) {
      throw conflict(o.id());
    }
    Responses.json(ctx, o.status(), o);
  }

  private void submitBatch(Context ctx) {
    User user = submitter(ctx);
    String type = Bodies.mediaType(ctx, List.of("application/json", NDJSON));
    byte[] body = Bodies.bytes(ctx, app.settings.limits().maxBatchBytes(), "a batch");
    List<JsonNode> items = new ArrayList<>();
    List<ApiException> lineErrors = new ArrayList<>();
    if (type.equals(NDJSON)) {
      Bodies.requireUtf8(body, "body");
      int lineNo = 0;
      for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        try {
          items.add(Bodies.json(line.getBytes(StandardCharsets.UTF_8), "line " + lineNo));
          lineErrors.add(null);
        } catch (ApiException e) {
          items.add(null);
          lineErrors.add(e);
        }
      }
    } else {
      JsonNode root = Bodies.json(body, "body");
      if (!root.isArray()) {
        throw ApiException.invalid(List.of(new FieldError("body", "a batch must be a JSON array of reports (or NDJSON)")));
      }
      root.forEach(n -> {
        items.add(n);
        lineErrors.add(null);
      });
    }
    int max = app.settings.limits().maxBatchItems();
    if (items.size() > max) {
      throw ApiException.tooLarge("a batch may hold at most " + max + " reports, got " + items.size());
    }
    ObjectNode[] results = new ObjectNode[items.size()];
    List<ReportInput> valid = new ArrayList<>();
    List<Integer> validIndex = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (lineErrors.get(i) != null) {
        results[i] = problem(i, lineErrors.get(i));
        continue;
      }
      ReportParser.Result parsed = app.parser.parse(items.get(i));
      if (!parsed.ok()) {
        results[i] = problem(i, ApiException.invalid(parsed.errors()));
        continue;
      }
      try {
        checkSource(user, parsed.report());
      } catch (ApiException e) {
        results[i] = problem(i, e);
        continue;
      }
      valid.add(parsed.report());
      validIndex.add(i);
    }
    List<CompletableFuture<Outcome>> futures = ingest.submit(valid, new AuditLog.Actor(user.id(), user.party()));
    int created = 0;
    int existing = 0;
    for (int k = 0; k < futures.size(); k++) {
      int i = validIndex.get(k);
      try {
        Outcome o = await(futures.get(k));
        if (o.status() == 409) {
          results[i] = problem(i, conflict(o.id()));
        } else {
          ObjectNode r = Json.MAPPER.valueToTree(o);
          r.put("index", i);
          r.put("status", o.status());
          results[i] = r;
          if (o.status() == 201) {
            created++;
          } else {
            existing++;
          }
        }
      } catch (ApiException e) {
        results[i] = problem(i, e);
      }
    }
    ObjectNode answer = Json.MAPPER.createObjectNode();
    answer.put("received", items.size());
    answer.put("created", created);
    answer.put("existing", existing);
    answer.put("rejected", items.size() - created - existing);
    ArrayNode arr = answer.putArray("results");
    for (ObjectNode r : results) {
      arr.add(r);
    }
    Responses.json(ctx, 200, answer);
  }

  private void getOne(Context ctx) {
    User u = HttpServer.user(ctx);
    UUID id;
    try {
      id = UUID.fromString(ctx.pathParam("id"));
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("Report " + ctx.pathParam("id"));
    }
    Responses.json(ctx, 200, app.reports.get(id)
        .filter(r -> Access.canSeeReport(u, (String) r.source().get("party"), app.parties))
        .orElseThrow(() -> ApiException.notFound("Report " + id)));
  }

  private static User submitter(Context ctx) {
    User u = HttpServer.user(ctx);
    Access.requireRole(u, "submit reports", Role.REPORTER, Role.COORDINATOR, Role.ADMIN);
    return u;
  }

  /** A reporter speaks for its own party only; coordinators and admins load reports of any source. */
  private static void checkSource(User u, ReportInput r) {
    if (!u.hasAny(Role.COORDINATOR, Role.ADMIN) && !u.party().equals(r.sourceParty())) {
      throw new ApiException(403, "Forbidden", "a reporter of " + u.party() + " may only submit reports whose source.party is "
          + u.party(), List.of(new FieldError("source.party", "must be " + u.party() + " for this user")), null);
    }
  }

  private static ApiException conflict(UUID id) {
    return ApiException.conflict("a different report with id " + id + " is already stored; reports are never edited, "
        + "send a new report with a new id", List.of(new FieldError("id", "already used by a report with other content")));
  }

  private static ObjectNode problem(int index, ApiException e) {
    ObjectNode n = Problems.toJson(e, null);
    n.put("index", index);
    return n;
  }

  private static Outcome await(CompletableFuture<Outcome> f) {
    try {
      return f.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted");
    } catch (TimeoutException e) {
      throw unavailable("the store did not answer in time");
    } catch (ExecutionException e) {
      // the cause is logged by the writer; the answer says nothing of the database's internals
      throw unavailable("the store failed");
    }
  }

  private static ApiException unavailable(String why) {
    return new ApiException(503, "Not stored", "the report was not stored (" + why + "); it is safe to send it again with the same id",
        List.of(), null);
  }
}
