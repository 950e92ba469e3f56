package org.truce;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.truce.bulletins.Bulletin;
import org.truce.bulletins.Ed25519;
import org.truce.bulletins.Renderer;
import org.truce.bulletins.SignedDocument;
import org.truce.http.FieldError;
import org.truce.http.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Bulletins from the command line: make one, and the guarantors' offline tools (keys, signing, verifying). */
@Command(name = "bulletin", description = "Make a bulletin of a period as JSON, HTML or PDF (docs/bulletins.md).",
    subcommands = {BulletinCommand.VerifyCommand.class, BulletinCommand.KeygenCommand.class, BulletinCommand.SignCommand.class})
final class BulletinCommand implements Callable<Integer> {

  @Mixin
  Truce.DbOptionsMixin db;

  @Option(names = "--from", description = "first day (2026-11-20, in the mechanism's time zone) or instant with offset; default: the day to the latest cut-off")
  String from;

  @Option(names = "--to", description = "last day (inclusive) or instant (exclusive)")
  String to;

  @Option(names = "--zone", description = "one zone's id (default: every zone)")
  String zone;

  @Option(names = "--format", defaultValue = "json", description = "json, html or pdf (default json)")
  String format;

  @Option(names = "--audience", defaultValue = "public", description = "public (default) or internal (names report sources)")
  String audience;

  @Option(names = "--out", description = "the file to write (required)")
  Path out;

  @Override
  public Integer call() throws IOException {
    if (out == null) {
      throw new IllegalArgumentException("--out FILE is required: where to write the bulletin");
    }
    if (!List.of("json", "html", "pdf").contains(format)) {
      throw new IllegalArgumentException("--format must be json, html or pdf, got '" + format + "'");
    }
    if (!List.of("public", "internal").contains(audience)) {
      throw new IllegalArgumentException("--audience must be public or internal, got '" + audience + "'");
    }
    try (App app = db.open()) {
      List<FieldError> errors = new ArrayList<>();
      Bulletin.Period p = app.bulletins.composer().period(from, to, zone, app.clock, errors);
      if (!errors.isEmpty()) {
        throw new IllegalArgumentException(String.join("; ", errors.stream().map(e -> "--" + e.field() + " " + e.message()).toList()));
      }
      long t0 = System.nanoTime();
      app.bulletins.refreshRollup();
      Bulletin b = app.db.jdbi().inTransaction(h ->
          app.bulletins.composer().compose(h, p, "internal".equals(audience), app.verification.rule().code()));
      try (OutputStream o = Files.newOutputStream(out)) {
        switch (format) {
          case "html" -> o.write(new Renderer(app.zones.zones()).html(b, null));
          case "pdf" -> new Renderer(app.zones.zones()).pdf(b, null, o);
          default -> Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(o, b);
        }
      }
      System.out.printf("wrote %s: %s to %s, %d incidents, %.2f s%n", out, p.from(), p.to(), b.totals().incidents(),
          (System.nanoTime() - t0) / 1e9);
    }
    return 0;
  }

  @Command(name = "verify", description = "Check a signed bulletin offline, from the file and the guarantors' public keys alone.")
  static final class VerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the signed bulletin (GET /api/v1/bulletins/{id}/signed)")
    Path file;

    @Option(names = "--key", paramLabel = "PARTY=PUBLIC.pem", description = "a guarantor's trusted public key; repeat for each")
    Map<String, Path> keyFiles = new LinkedHashMap<>();

    @Option(names = "--keys", paramLabel = "KEYS.json", description = "trusted keys as GET /api/v1/guarantor-keys lists them (revoked ones are ignored)")
    Path keysJson;

    @Option(names = "--rule", defaultValue = "all", description = "all (default) or majority of the guarantors whose keys are given")
    String rule;

    @Override
    public Integer call() throws IOException {
      if (!List.of("all", "majority").contains(rule)) {
        throw new IllegalArgumentException("--rule must be all or majority, got '" + rule + "'");
      }
      Map<String, List<PublicKey>> trusted = new LinkedHashMap<>();
      keyFiles.forEach((party, f) -> trusted.computeIfAbsent(party, k -> new ArrayList<>()).add(key(read(f), "--key " + party)));
      if (keysJson != null) {
        for (JsonNode k : Json.MAPPER.readTree(Files.readAllBytes(keysJson)).path("items")) {
          if (k.path("revokedAt").isNull() || k.path("revokedAt").isMissingNode()) {
            trusted.computeIfAbsent(k.path("party").asText(), x -> new ArrayList<>()).add(key(k.path("publicKey").asText(), "--keys " + k.path("id").asText()));
          }
        }
      }
      if (trusted.isEmpty()) {
        throw new IllegalArgumentException("give the guarantors' public keys with --key PARTY=FILE or --keys FILE: keys in the bulletin itself prove nothing");
      }
      JsonNode doc;
      try {
        doc = Json.MAPPER.readTree(Files.readAllBytes(file));
      } catch (IOException e) {
        throw new IllegalArgumentException(file + " is not JSON: " + e.getMessage());
      }
      SignedDocument.Check c = SignedDocument.verify(doc, trusted, rule);
      c.lines().forEach(System.out::println);
      System.out.println((c.valid() ? "VALID" : "INVALID") + " bulletin " + doc.path("number").asText("?") + ", sha256 " + c.sha256());
      return c.valid() ? 0 : 1;
    }

    private static PublicKey key(String text, String where) {
      try {
        return Ed25519.publicKey(text);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage());
      }
    }
  }

  @Command(name = "keygen", description = "Make an Ed25519 key pair for a guarantor: PREFIX.key (keep it secret) and PREFIX.pub (register it).")
  static final class KeygenCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "PREFIX", description = "writes PREFIX.key and PREFIX.pub")
    String prefix;

    @Override
    public Integer call() throws IOException {
      Path priv = Path.of(prefix + ".key");
      Path pub = Path.of(prefix + ".pub");
      if (Files.exists(priv) || Files.exists(pub)) {
        throw new IllegalArgumentException(priv + " or " + pub + " exists already; keys are never overwritten");
      }
      KeyPair k = Ed25519.generate();
      Files.writeString(pub, Ed25519.pem(k.getPublic()));
      Files.writeString(priv, Ed25519.pem(k.getPrivate()));
      try {
        Files.setPosixFilePermissions(priv, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the operator protects the file
      }
      System.out.println("wrote " + priv + " (secret) and " + pub + "; key id " + Ed25519.keyId(k.getPublic()));
      return 0;
    }
  }

  @Command(name = "sign", description = "Sign a drafted bulletin offline; prints the signature to send with POST /api/v1/bulletins/{id}/signatures.")
  static final class SignCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "the bulletin as GET /api/v1/bulletins/{id}/signed gives it")
    Path file;

    @Option(names = "--key", required = true, paramLabel = "PRIVATE.key", description = "the guarantor's private key (PEM, PKCS#8)")
    Path key;

    @Override
    public Integer call() throws IOException {
      JsonNode doc = Json.MAPPER.readTree(Files.readAllBytes(file));
      byte[] bytes = SignedDocument.signedBytes(doc);
      String stated = doc.path("sha256").asText("");
      String sha = Ed25519.sha256Hex(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
      if (!stated.isEmpty() && !stated.equals(sha)) {
        throw new IllegalArgumentException("the content's SHA-256 is " + sha + " but the file states " + stated + ": it was changed; fetch it again");
      }
      System.out.println(Ed25519.sign(Ed25519.privateKey(read(key)), bytes));
      return 0;
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + f + ": " + e.getMessage());
    }
  }
}
