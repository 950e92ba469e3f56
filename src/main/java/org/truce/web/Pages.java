package org.truce.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;

/**
 * Renders the web pages from jte templates compiled at build time (src/main/jte; nothing is compiled at run time)
 * in HTML mode, so every value they print is escaped for where it stands. Every page and redirect carries the
 * headers that keep it out of frames and other origins, and a content security policy under which only the
 * scripts served from this site run: no inline script, no event handler attribute, no script of another host,
 * so that text written into a report can never act in a reader's browser, even if it were printed unescaped.
 */
final class Pages {

  private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

  private Pages() {}

  /** Renders template with v (the page's language, user and navigation) and page (its own content). */
  static void render(Context ctx, int status, String template, View v, Object page) {
    Utf8ByteOutput out = new Utf8ByteOutput();
    ENGINE.render(template, page == null ? Map.of("v", v) : Map.of("v", v, "page", page), out);
    headers(ctx, v.tileOrigin());
    ctx.status(status).contentType("text/html; charset=utf-8").result(out.toByteArray());
  }

  /** 303 See Other to a path of this site. */
  static void redirect(Context ctx, String path) {
    headers(ctx, null);
    ctx.status(303).header("Location", path);
  }

  /** Whole seconds, rounded up, at least 1: what Retry-After says. */
  static long seconds(Duration d) {
    long s = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
    return Math.max(1, s);
  }

  /** A wait as people read it: "1 second", "45 seconds", "12 minutes". */
  static String howLong(View v, Duration d) {
    long s = seconds(d);
    if (s < 120) {
      return v.t(s == 1 ? "wait.second" : "wait.seconds", s);
    }
    return v.t("wait.minutes", (s + 59) / 60);
  }

  /** The content security policy: this site only; map tiles from tileOrigin too when the operator set one. */
  static String policy(String tileOrigin) {
    return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'" + (tileOrigin == null ? "" : " " + tileOrigin)
        + "; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
  }

  private static void headers(Context ctx, String tileOrigin) {
    ctx.header("Content-Security-Policy", policy(tileOrigin));
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Cache-Control", "no-store");
  }
}
