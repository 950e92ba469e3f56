package org.truce.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.truce.App;
import org.truce.access.Role;
import org.truce.http.HttpServer;
import org.truce.scenario.ScenarioGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Single-report API under load: closed-loop clients on loopback, each with one keep-alive connection,
 * posting distinct scenario reports; throughput and latency percentiles over the measured window. With
 * --audit-cost, the server with the audit log against the server without it ({@link AuditCost}).
 */
@Command(name = "api", description = "POST /api/v1/reports under a loopback load generator; "
    + "with --audit-cost, with the audit log vs without it.")
final class ApiBench implements Callable<Integer> {

  @Option(names = "--db", description = "an empty database; with --audit-cost, a PostgreSQL server on which to create a "
      + "database per run (jdbc:postgresql://HOST:PORT/postgres?user=...), or left out for H2 files in a temporary directory")
  String db;

  @Option(names = "--seconds", defaultValue = "60")
  int seconds;

  @Option(names = "--warmup", defaultValue = "10", description = "seconds of load before the measured ones, in every run")
  int warmup;

  @Option(names = "--clients", defaultValue = "32")
  int clients;

  @Option(names = "--audit-cost", description = "the server with the audit log against the server without it, in "
      + "balanced rounds, each run into a new empty store (BENCHMARKS.md, section 5)")
  boolean auditCost;

  @Option(names = "--rounds", defaultValue = "2", description = "with --audit-cost: rounds of four runs (A B B A, B A A B, ...)")
  int rounds;

  @Option(names = "--warmup-runs", defaultValue = "1", description = "with --audit-cost: runs before the rounds, not counted")
  int warmupRuns;

  /** One run's figures over its measured window. */
  record Load(long reports, double seconds, double p50, double p99, double p999, double max, long errors) {
    double rate() {
      return reports / seconds;
    }
  }

  @Override
  public Integer call() throws Exception {
    if (auditCost) {
      return auditCost();
    }
    if (db == null) {
      throw new IllegalArgumentException("--db is needed: an empty database");
    }
    List<byte[]> bodies = bodies(4000 * (seconds + warmup));
    try (App app = App.open(BenchCommand.settings(db), Clock.systemUTC())) {
      app.ingest.start();
      HttpServer server = HttpServer.start(app, 0);
      try {
        System.out.printf("prepared %,d distinct reports; %d clients, %d s warm-up, %d s measured%n",
            bodies.size(), clients, warmup, seconds);
        Load l = load(app, server, bodies);
        System.out.printf("%,d reports created in %.1f s: %,.0f reports/s; latency p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms; %d errors%n",
            l.reports(), l.seconds(), l.rate(), l.p50(), l.p99(), l.p999(), l.max(), l.errors());
      } finally {
        server.close();
      }
    }
    return 0;
  }

  /** The same load on the server with the log and on the server without it, alternated, each over a new empty store. */
  private int auditCost() throws Exception {
    AuditCost.checkOptions(rounds, warmupRuns);
    List<byte[]> bodies = bodies(4000 * (seconds + warmup));
    try (FreshStores stores = FreshStores.on(db)) {
      System.out.printf("prepared %,d distinct reports (the same in every run); %d clients, per run %d s warm-up and %d s measured%n",
          bodies.size(), clients, warmup, seconds);
      AuditCost.measure(String.format("POST /api/v1/reports, %d clients, %d s", clients, seconds), stores, warmupRuns, rounds,
          (arm, url) -> {
            try (App app = App.open(BenchCommand.settings(url), Clock.systemUTC())) {
              HttpServer server;
              if (arm == AuditCost.Arm.WITH) {
                app.ingest.start();
                server = HttpServer.start(app, 0);
              } else {
                server = HttpServer.startWithoutAuditForBenchmark(app, 0);
              }
              Load l;
              try {
                l = load(app, server, bodies);
              } finally {
                server.close();
              }
              return new AuditCost.Measurement(l.reports(), l.seconds(), String.format(
                  "p50 %.1f ms, p99 %.1f ms, %d errors; log entries of stored reports: %,d", l.p50(), l.p99(), l.errors(),
                  ImportBench.logEntries(app)));
            }
          }, System.out);
    }
    return 0;
  }

  /** Posts bodies to server from the clients (a new admin token, warm-up first) and measures. */
  private Load load(App app, HttpServer server, List<byte[]> bodies) throws InterruptedException {
    String token = app.users.addUser("bench-" + System.nanoTime(), "SEC", Role.ADMIN, app.parties).token();
    return run(requests(server.port(), token, bodies), server.port());
  }

  private Load run(List<byte[]> requests, int port) throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    long start = System.nanoTime();
    long measureFrom = start + warmup * 1_000_000_000L;
    long end = measureFrom + seconds * 1_000_000_000L;
    long[][] latencies = new long[clients][];
    int[] counts = new int[clients];
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int me = c;
      latencies[c] = new long[requests.size() / clients + 16];
      Thread t = new Thread(() -> {
        try (Socket s = new Socket("127.0.0.1", port)) {
          s.setTcpNoDelay(true);
          OutputStream out = s.getOutputStream();
          InputStream in = new BufferedInputStream(s.getInputStream());
          while (true) {
            long t0 = System.nanoTime();
            if (t0 >= end) {
              return;
            }
            int i = next.getAndIncrement();
            if (i >= requests.size()) {
              return;
            }
            out.write(requests.get(i));
            out.flush();
            int status = readResponse(in);
            long t1 = System.nanoTime();
            if (status != 201) {
              errors.incrementAndGet();
            } else if (t0 >= measureFrom && counts[me] < latencies[me].length) {
              latencies[me][counts[me]++] = t1 - t0;
            }
          }
        } catch (IOException e) {
          errors.incrementAndGet();
        }
      }, "bench-client-" + c);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    long total = Arrays.stream(counts).sum();
    long[] all = new long[(int) total];
    int k = 0;
    for (int c = 0; c < clients; c++) {
      System.arraycopy(latencies[c], 0, all, k, counts[c]);
      k += counts[c];
    }
    Arrays.sort(all);
    double measured = Math.min(seconds, (System.nanoTime() - measureFrom) / 1e9);
    return new Load(total, measured, pct(all, 0.50), pct(all, 0.99), pct(all, 0.999),
        all.length == 0 ? 0 : all[all.length - 1] / 1e6, errors.get());
  }

  private static double pct(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  /** Reads one HTTP/1.1 response (Content-Length bodies only) and returns its status. */
  static int readResponse(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int prev3 = 0;
    int b;
    while ((b = in.read()) >= 0) {
      head.append((char) b);
      prev3 = (prev3 << 8 | b) & 0xFFFFFFFF;
      if (prev3 == 0x0D0A0D0A) {
        break;
      }
    }
    if (b < 0) {
      throw new IOException("connection closed");
    }
    String h = head.toString();
    int status = Integer.parseInt(h.substring(9, 12));
    int len = 0;
    for (String line : h.split("\r\n")) {
      if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
        len = Integer.parseInt(line.substring(15).trim());
      }
    }
    in.readNBytes(len);
    return status;
  }

  /** max distinct scenario reports as JSON bodies. */
  static List<byte[]> bodies(int max) {
    List<byte[]> out = new ArrayList<>();
    long seed = 7;
    while (out.size() < max) {
      Iterator<ScenarioGenerator.Generated> it = new ScenarioGenerator(
          new ScenarioGenerator.Options(LocalDate.of(2026, 8, 1), 30, seed++, 1.0, 4.0)).iterator();
      while (it.hasNext() && out.size() < max) {
        out.add(it.next().report().toString().getBytes(StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  /** Each body as a whole HTTP/1.1 request to the server on port, with the token. */
  static List<byte[]> requests(int port, String token, List<byte[]> bodies) {
    List<byte[]> out = new ArrayList<>(bodies.size());
    for (byte[] body : bodies) {
      String head = "POST /api/v1/reports HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
          + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
      byte[] h = head.getBytes(StandardCharsets.US_ASCII);
      byte[] req = Arrays.copyOf(h, h.length + body.length);
      System.arraycopy(body, 0, req, h.length, body.length);
      out.add(req);
    }
    return out;
  }
}
