package org.truce.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.truce.App;
import org.truce.access.Role;
import org.truce.config.Settings;
import org.truce.http.HttpServer;
import org.truce.http.Json;

/** The real server on a free port over a fresh database, with an admin token and a small HTTP client. */
public final class TestServer implements AutoCloseable {

  public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

  public final App app;
  public final HttpServer server;
  public final String base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private TestServer(App app, HttpServer server) {
    this.app = app;
    this.server = server;
    this.base = "http://127.0.0.1:" + server.port();
  }

  public static TestServer start() {
    return start(Clock.systemUTC());
  }

  public static TestServer start(Clock clock) {
    return start(clock, s -> s);
  }

  /** A server whose settings the test adjusts. */
  public static TestServer start(Clock clock, java.util.function.UnaryOperator<Settings> adjust) {
    Settings s = adjust.apply(Settings.fromEnvironment(Map.of()).withDbUrl(TestDatabase.freshUrl()).withAdminToken(ADMIN_TOKEN));
    App app = App.open(s, clock);
    app.users.bootstrapAdmin(ADMIN_TOKEN, app.parties);
    app.ingest.start();
    return new TestServer(app, HttpServer.start(app, 0));
  }

  /** A server on an existing test database (after a test closed the first one). */
  public static TestServer reopen(String url) {
    Settings s = Settings.fromEnvironment(Map.of()).withDbUrl(url).withAdminToken(ADMIN_TOKEN);
    App app = App.open(s, Clock.systemUTC());
    app.users.bootstrapAdmin(ADMIN_TOKEN, app.parties);
    app.ingest.start();
    return new TestServer(app, HttpServer.start(app, 0));
  }

  /** A token of a new user with that party and role. */
  public String token(String name, String party, Role role) {
    return app.users.addUser(name, party, role, app.parties).token();
  }

  /** An answer: status, content type and body (parsed when it is JSON). */
  public record Answer(int status, String contentType, String body) {
    public JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  public Answer get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), ADMIN_TOKEN, null);
  }

  public Answer get(String path, String token, String accept) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (accept != null) {
      b.header("Accept", accept);
    }
    return send(b, token, null);
  }

  public Answer post(String path, String json) {
    return post(path, json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json", ADMIN_TOKEN);
  }

  public Answer post(String path, byte[] body, String contentType, String token) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofByteArray(body)),
        token, contentType);
  }

  /** Any method with an optional JSON body, as the holder of token (null: no credentials). */
  public Answer request(String method, String path, String json, String token) {
    HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(json, java.nio.charset.StandardCharsets.UTF_8);
    return send(HttpRequest.newBuilder(URI.create(base + path)).method(method, body), token, json == null ? null : "application/json");
  }

  private Answer send(HttpRequest.Builder b, String token, String contentType) {
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    try {
      HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A binary answer (a PDF): status, headers and the raw bytes. */
  public record Bytes(int status, java.net.http.HttpHeaders headers, byte[] body) {}

  public Bytes getBytes(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET().timeout(Duration.ofSeconds(120));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Bytes(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Number of rows in a table, straight from the database. */
  public int count(String table) {
    return app.db.jdbi().withHandle(h -> h.createQuery("select count(*) from " + table).mapTo(Integer.class).one());
  }

  @Override
  public void close() {
    server.close();
    app.close();
  }
}
