package org.truce.reports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.truce.http.FieldError;
import org.truce.http.Json;

/** Loads a file of reports through validation and deduplication into the database, in large transactions. */
public final class BulkImport {

  private BulkImport() {}

  /** What an import did. */
  public record Summary(long lines, long created, long existing, long rejected, double seconds) {}

  /** A batch read and validated by the reader thread, with the lines it refused. */
  private record Chunk(List<ReportInput> reports, List<Long> lines, List<Long> badLines, List<List<FieldError>> badErrors,
                       long linesRead, long bytesRead, IOException failure) {}

  private static final Chunk END = new Chunk(List.of(), List.of(), List.of(), List.of(), 0, 0, null);

  /**
   * Imports file: one thread reads and validates while this one links and stores, so that parsing and the
   * database work overlap on a multi-core machine.
   */
  public static Summary run(ReportParser parser, Ingest ingest, Path file, boolean csv, Path errPath, int batchSize,
                            PrintStream progress) throws IOException {
    long size = Files.size(file);
    long started = System.nanoTime();
    long lastReport = started;
    long lines = 0;
    long created = 0;
    long existing = 0;
    long rejected = 0;
    BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(4);
    AtomicBoolean stop = new AtomicBoolean();
    try (InputStream raw = Files.newInputStream(file);
         CountingInput in = new CountingInput(raw);
         ReportFile rf = ReportFile.open(in, csv);
         BufferedWriter err = Files.newBufferedWriter(errPath, StandardCharsets.UTF_8)) {
      Thread reader = new Thread(() -> read(rf, in, parser, batchSize, queue, stop), "truce-import-reader");
      reader.setDaemon(true);
      reader.start();
      try {
        for (Chunk c; (c = take(queue)) != END; ) {
          if (c.failure != null) {
            throw c.failure;
          }
          lines = c.linesRead;
          for (int i = 0; i < c.badLines.size(); i++) {
            rejected++;
            writeError(err, c.badLines.get(i), c.badErrors.get(i));
          }
          long[] counts = flush(ingest, c.reports, c.lines, err);
          created += counts[0];
          existing += counts[1];
          rejected += counts[2];
          long now = System.nanoTime();
          if (progress != null && now - lastReport > 1_000_000_000L) {
            lastReport = now;
            progress(progress, lines, c.bytesRead, size, now - started);
          }
        }
      } finally {
        stop.set(true);
        queue.clear();
      }
    }
    if (rejected == 0) {
      Files.deleteIfExists(errPath);
    }
    return new Summary(lines, created, existing, rejected, (System.nanoTime() - started) / 1e9);
  }

  private static void read(ReportFile rf, CountingInput in, ReportParser parser, int batchSize, BlockingQueue<Chunk> queue,
                           AtomicBoolean stop) {
    long lines = 0;
    try {
      List<ReportInput> reports = new ArrayList<>(batchSize);
      List<Long> good = new ArrayList<>(batchSize);
      List<Long> bad = new ArrayList<>();
      List<List<FieldError>> errors = new ArrayList<>();
      for (ReportFile.Item item; !stop.get() && (item = rf.next()) != null; ) {
        lines++;
        if (item.error() != null) {
          bad.add(item.line());
          errors.add(List.of(new FieldError("line", item.error())));
        } else {
          ReportParser.Result r = parser.parse(item.json());
          if (r.ok()) {
            reports.add(r.report());
            good.add(item.line());
          } else {
            bad.add(item.line());
            errors.add(r.errors());
          }
        }
        if (reports.size() >= batchSize) {
          put(queue, new Chunk(reports, good, bad, errors, lines, in.count(), null), stop);
          reports = new ArrayList<>(batchSize);
          good = new ArrayList<>(batchSize);
          bad = new ArrayList<>();
          errors = new ArrayList<>();
        }
      }
      put(queue, new Chunk(reports, good, bad, errors, lines, in.count(), null), stop);
      put(queue, END, stop);
    } catch (IOException e) {
      put(queue, new Chunk(List.of(), List.of(), List.of(), List.of(), lines, in.count(), e), stop);
    } catch (RuntimeException e) {
      put(queue, new Chunk(List.of(), List.of(), List.of(), List.of(), lines, in.count(), new IOException(e.getMessage(), e)), stop);
    }
  }

  private static void put(BlockingQueue<Chunk> queue, Chunk c, AtomicBoolean stop) {
    try {
      while (!stop.get() && !queue.offer(c, 100, TimeUnit.MILLISECONDS)) {
        // the writer is busy: wait for room
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Chunk take(BlockingQueue<Chunk> queue) throws IOException {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("import interrupted", e);
    }
  }

  private static long[] flush(Ingest ingest, List<ReportInput> pending, List<Long> lines, BufferedWriter err) throws IOException {
    long[] counts = new long[3];
    if (pending.isEmpty()) {
      return counts;
    }
    List<Outcome> outcomes = ingest.store(pending, org.truce.audit.AuditLog.Actor.SYSTEM);
    for (int i = 0; i < outcomes.size(); i++) {
      Outcome o = outcomes.get(i);
      if (o.status() == 201) {
        counts[0]++;
      } else if (o.status() == 200) {
        counts[1]++;
      } else {
        counts[2]++;
        writeError(err, lines.get(i), List.of(new FieldError("id", "already used by a report with other content")));
      }
    }
    pending.clear();
    lines.clear();
    return counts;
  }

  private static void progress(PrintStream out, long lines, long bytes, long size, long nanos) {
    double secs = nanos / 1e9;
    double rate = lines / secs;
    double share = size == 0 ? 1 : (double) bytes / size;
    double left = share <= 0 ? 0 : secs * (1 - share) / share;
    out.printf("\r%,d reports  %,.0f/s  %.0f%%  %s left   ", lines, rate, share * 100, duration(left));
    out.flush();
  }

  private static String duration(double secs) {
    long s = Math.round(secs);
    return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60) : String.format("%dm%02ds", s / 60, s % 60);
  }

  private static void writeError(BufferedWriter err, long line, List<FieldError> errors) throws IOException {
    var n = Json.MAPPER.createObjectNode();
    n.put("line", line);
    n.set("errors", Json.MAPPER.valueToTree(errors));
    err.write(n.toString());
    err.newLine();
  }

  /** Counts bytes read, for the progress estimate. */
  private static final class CountingInput extends java.io.FilterInputStream {
    private long count;

    CountingInput(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
