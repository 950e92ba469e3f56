package org.truce.exports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.truce.http.Json;
import org.truce.support.TestServer;
import org.truce.support.TestServer.Answer;

/**
 * At most {@link ExportRoutes#MAX_RUNNING} incident exports run at once: over real HTTP, exports held open by
 * clients that do not read are counted, one more is answered 503, and a slot is free again once one has ended.
 *
 * <p>An export holds its slot from before its first byte until it has written its last. Its client here reads the
 * answer's head and then nothing, with a small receive buffer, while the export is several megabytes: more than
 * the server's socket can ever buffer (the kernel's largest send buffer, read from /proc), so the export cannot
 * finish until its client reads. Nothing waits on time.
 */
class ExportLimitTest {

  static final String ACLED = "/api/v1/exports/incidents.acled.csv";

  private static TestServer server;
  private static int exportBytes;

  @BeforeAll
  static void seed() throws IOException {
    server = TestServer.start();
    // 1,500 incidents (a day apart) whose first report has 4,000 characters of text, which the notes carry
    String text = "Shells fell on the market and the road to the school; ".repeat(75).substring(0, 4000);
    StringBuilder ndjson = new StringBuilder();
    LocalDate day = LocalDate.of(2016, 1, 1);
    for (int i = 0; i < 1500; i++) {
      ndjson.append("{\"source\":{\"type\":\"hotline\",\"party\":\"ICRC\"},\"occurredAt\":\"").append(day.plusDays(i))
          .append("T12:00:00Z\",\"location\":{\"lat\":33.51,\"lon\":36.29},\"type\":\"other\",\"description\":\"")
          .append(i).append(' ').append(text).append("\"}\n");
    }
    Answer stored = server.post("/api/v1/reports/batch", ndjson.toString().getBytes(StandardCharsets.UTF_8),
        "application/x-ndjson", TestServer.ADMIN_TOKEN);
    assertThat(stored.status()).as(stored.body()).isEqualTo(200);
    try (Held whole = Held.open(ACLED)) {
      assertThat(whole.status).isEqualTo(200);
      exportBytes = whole.drain();
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aFifthExportAtOnceIsAnsweredBusyAndASlotFreesWhenOneEnds() throws IOException {
    // the precondition of holding an export open: it is larger than all the buffers between it and its client
    assertThat(exportBytes).as("export bytes").isGreaterThan(largestSendBuffer() + 1024 * 1024);
    List<Held> held = new ArrayList<>();
    try {
      for (int i = 0; i < ExportRoutes.MAX_RUNNING; i++) {
        // the head has come: that export holds its slot
        Held h = Held.open(ACLED);
        held.add(h);
        assertThat(h.status).isEqualTo(200);
      }
      TestServer.Bytes busy = server.getBytes(ACLED, TestServer.ADMIN_TOKEN);
      assertThat(busy.status()).isEqualTo(503);
      assertThat(busy.headers().firstValue("Retry-After")).hasValue("30");
      assertThat(busy.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
      JsonNode problem = Json.MAPPER.readTree(busy.body());
      assertThat(problem.get("status").asInt()).isEqualTo(503);
      assertThat(problem.get("detail").asText()).contains(ExportRoutes.MAX_RUNNING + " exports are running");
      // zones are not an incident export: not limited
      assertThat(server.getBytes("/api/v1/exports/zones.geojson", TestServer.ADMIN_TOKEN).status()).isEqualTo(200);

      // one export read to its end: the server released its slot before it ended the answer
      assertThat(held.remove(0).drainAndClose()).isEqualTo(exportBytes);
      TestServer.Bytes again = server.getBytes(ACLED, TestServer.ADMIN_TOKEN);
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.body().length).isEqualTo(exportBytes);
      // still three held and one free: a second one at once is busy again only once the fourth is taken
      try (Held fourth = Held.open(ACLED)) {
        assertThat(fourth.status).isEqualTo(200);
        assertThat(server.getBytes(ACLED, TestServer.ADMIN_TOKEN).status()).isEqualTo(503);
        fourth.drain();
      }
    } finally {
      for (Held h : held) {
        h.drainAndClose();
      }
    }
  }

  /** The most a server socket may buffer for sending (net.ipv4.tcp_wmem's maximum; 4 MiB, Linux's default, elsewhere). */
  private static int largestSendBuffer() throws IOException {
    Path wmem = Path.of("/proc/sys/net/ipv4/tcp_wmem");
    if (Files.isReadable(wmem)) {
      String[] v = Files.readString(wmem).trim().split("\\s+");
      return Integer.parseInt(v[v.length - 1]);
    }
    return 4 * 1024 * 1024;
  }

  /** An export over a plain socket: its head is read, its body only when asked. */
  static final class Held implements AutoCloseable {
    final Socket socket;
    final InputStream in;
    final int status;
    final boolean chunked;

    private Held(Socket socket, InputStream in, int status, boolean chunked) {
      this.socket = socket;
      this.in = in;
      this.status = status;
      this.chunked = chunked;
    }

    static Held open(String path) throws IOException {
      URI base = URI.create(server.base);
      Socket s = new Socket();
      s.setReceiveBufferSize(4096); // before connecting, so the window offered to the server stays small
      s.connect(new InetSocketAddress(base.getHost(), base.getPort()));
      s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
          + "\r\nAuthorization: Bearer " + TestServer.ADMIN_TOKEN + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      String head = headOf(in);
      int status = Integer.parseInt(head.substring(9, 12));
      return new Held(s, in, status, head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked"));
    }

    /** The head, read a byte at a time so that nothing of the body is read with it. */
    private static String headOf(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0) {
        head.write(b);
        byte[] h = head.toByteArray();
        int n = h.length;
        if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
          break;
        }
      }
      return head.toString(StandardCharsets.US_ASCII);
    }

    /** Reads the body to the end of the answer (the server closes the connection) and returns its length. */
    int drain() throws IOException {
      byte[] all = in.readAllBytes();
      return chunked ? unchunked(all) : all.length;
    }

    int drainAndClose() throws IOException {
      try {
        return drain();
      } finally {
        close();
      }
    }

    /** The length of a chunked body's content. */
    private static int unchunked(byte[] b) {
      int at = 0;
      int total = 0;
      while (true) {
        int eol = at;
        while (b[eol] != '\r') {
          eol++;
        }
        String size = new String(b, at, eol - at, StandardCharsets.US_ASCII).split(";")[0].trim();
        int n = Integer.parseInt(size, 16);
        if (n == 0) {
          return total;
        }
        total += n;
        at = eol + 2 + n + 2;
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
