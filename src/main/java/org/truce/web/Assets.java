package org.truce.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The static files of the web interface, all from the jar: Leaflet from its WebJar
 * ({@code org.webjars.npm:leaflet}), our style sheet, scripts and map outlines. Nothing is fetched from another
 * host. Each is read once at start; its URL carries a hash of its content ({@code ?v=…}), so browsers may keep it
 * for a year and still never run an old script after an upgrade.
 */
public final class Assets {

  static final String LEAFLET = "/META-INF/resources/webjars/leaflet/1.9.4/dist/";
  static final String OWN = "/org/truce/web/assets/";

  /** A file: its bytes, media type and content hash. */
  record File(byte[] bytes, String type, String hash) {}

  private final Map<String, File> files = new LinkedHashMap<>();

  Assets() {
    add("leaflet/leaflet.js", LEAFLET + "leaflet.js");
    add("leaflet/leaflet.css", LEAFLET + "leaflet.css");
    for (String img : new String[] {"layers.png", "layers-2x.png", "marker-icon.png", "marker-icon-2x.png", "marker-shadow.png"}) {
      add("leaflet/images/" + img, LEAFLET + "images/" + img);
    }
    for (String own : new String[] {"truce.css", "js/app.js", "js/map.js", "js/dashboard.js", "js/report-form.js", "js/bulletin-sign.js",
        "js/bulletin-keys.js"}) {
      add(own, OWN + own);
    }
    add("map/neighbours.json", "/org/truce/data/neighbours.json");
  }

  private void add(String name, String resource) {
    byte[] bytes = read(resource);
    String hash;
    try {
      hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    files.put(name, new File(bytes, type(name), hash));
  }

  /** The URL of a file, with its version. */
  public String url(String name) {
    File f = files.get(name);
    if (f == null) {
      throw new IllegalArgumentException("no asset " + name);
    }
    return "/assets/" + name + "?v=" + f.hash();
  }

  /** Answers GET /assets/{name}: 200 with long caching, 304 when the browser has it, 404 when unknown. */
  void serve(Context ctx, String name) {
    File f = files.get(name);
    if (f == null) {
      ctx.status(404).contentType("text/plain; charset=utf-8").result("no such file");
      return;
    }
    String etag = "\"" + f.hash() + "\"";
    ctx.header("ETag", etag);
    ctx.header("X-Content-Type-Options", "nosniff");
    // a versioned URL never changes its content; an unversioned one is checked again each time
    ctx.header("Cache-Control", f.hash().equals(ctx.queryParam("v")) ? "public, max-age=31536000, immutable" : "no-cache");
    if (etag.equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.contentType(f.type()).result(f.bytes());
  }

  private static String type(String name) {
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    } else if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    } else if (name.endsWith(".png")) {
      return "image/png";
    } else if (name.endsWith(".json")) {
      return "application/json";
    }
    return "application/octet-stream";
  }

  private static byte[] read(String resource) {
    try (InputStream in = Assets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
