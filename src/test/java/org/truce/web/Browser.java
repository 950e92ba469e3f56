package org.truce.web;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a browser does for the tests: keeps the cookies it is given, sends forms, never follows redirects (so the
 * tests see each 303), and can add headers to every request (X-Forwarded-Proto).
 */
final class Browser {

  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"");

  private final String base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final Map<String, String> cookies = new LinkedHashMap<>();
  final Map<String, String> always = new LinkedHashMap<>();

  Browser(String base) {
    this.base = base;
  }

  /** An answer: status, headers, body. */
  record Page(int status, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
    }

    List<String> setCookies() {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("set-cookie"))
          .flatMap(e -> e.getValue().stream()).toList();
    }

    /** The first form's CSRF token on the page. */
    String csrf() {
      Matcher m = CSRF_FIELD.matcher(body);
      if (!m.find()) {
        throw new AssertionError("no csrf field in: " + body);
      }
      return m.group(1);
    }
  }

  Page get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), Map.of());
  }

  Page post(String path, Map<String, String> form) {
    return post(path, form, Map.of());
  }

  Page post(String path, Map<String, String> form, Map<String, String> headers) {
    String body = form.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put("Content-Type", "application/x-www-form-urlencoded");
    return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)), h);
  }

  /** Any request with a JSON or empty body. */
  Page send(String method, String path, String json, Map<String, String> headers) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    if (json != null) {
      h.put("Content-Type", "application/json");
    }
    return send(HttpRequest.newBuilder(URI.create(base + path)).method(method,
        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)), h);
  }

  /** A new user of t with the password, signed in through the form in a browser of its own. */
  static Browser signedIn(org.truce.support.TestServer t, String name, String party, org.truce.access.Role role, String password) {
    var id = t.app.users.addUser(name, party, role, t.app.parties).user().id();
    t.app.logins.setPassword(org.truce.audit.AuditLog.Actor.SYSTEM, "test", id, password);
    Browser b = new Browser(t.base);
    Page p = b.signIn(name, password);
    if (p.status() != 303) {
      throw new AssertionError("signing in as " + name + " answered " + p.status() + ": " + p.body());
    }
    return b;
  }

  /** Signs in through the form; returns the answer to the POST. */
  Page signIn(String name, String password) {
    String csrf = get("/login").csrf();
    return post("/login", Map.of("csrf", csrf, "username", name, "password", password));
  }

  private Page send(HttpRequest.Builder b, Map<String, String> headers) {
    always.forEach(b::header);
    headers.forEach(b::header);
    if (!cookies.isEmpty()) {
      b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining("; ")));
    }
    try {
      HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
      Page p = new Page(r.statusCode(), r.headers().map(), r.body());
      for (String c : p.setCookies()) {
        String pair = c.split(";", 2)[0];
        String name = pair.substring(0, pair.indexOf('='));
        String value = pair.substring(pair.indexOf('=') + 1);
        if (c.contains("Max-Age=0") || value.isEmpty()) {
          cookies.remove(name);
        } else {
          cookies.put(name, value);
        }
      }
      return p;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
