package org.truce.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Renders the web pages from jte templates compiled at build time (src/main/jte; nothing is compiled at run time)
 * in HTML mode, so every value they print is escaped for where it stands. Every page and redirect carries the
 * headers that keep it out of frames and other origins.
 */
final class Pages {

  private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

  /** The style sheet, served from the jar (the content security policy allows no inline style). */
  static final byte[] CSS = resource("truce.css");

  private Pages() {}

  static void render(Context ctx, int status, String template, Object model) {
    Utf8ByteOutput out = new Utf8ByteOutput();
    ENGINE.render(template, model, out);
    headers(ctx);
    ctx.status(status).contentType("text/html; charset=utf-8").result(out.toByteArray());
  }

  /** 303 See Other to a path of this site. */
  static void redirect(Context ctx, String path) {
    headers(ctx);
    ctx.status(303).header("Location", path);
  }

  static void error(Context ctx, PageException e) {
    if (e.retryAfter != null) {
      ctx.header("Retry-After", Long.toString(seconds(e.retryAfter)));
    }
    render(ctx, e.status, "error.jte", new ErrorPage(e.status, e.title, e.getMessage()));
  }

  /** Whole seconds, rounded up, at least 1: what Retry-After says. */
  static long seconds(Duration d) {
    long s = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
    return Math.max(1, s);
  }

  /** A wait as people read it: "1 second", "45 seconds", "12 minutes". */
  static String howLong(Duration d) {
    long s = seconds(d);
    if (s < 120) {
      return s + (s == 1 ? " second" : " seconds");
    }
    long m = (s + 59) / 60;
    return m + " minutes";
  }

  private static void headers(Context ctx) {
    ctx.header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Cache-Control", "no-store");
  }

  private static byte[] resource(String name) {
    try (InputStream in = Pages.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource org/truce/web/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
