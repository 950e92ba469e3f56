package org.truce.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Truce's server in its own JVM, so that a test can kill it with SIGKILL. */
public final class ServerProcess implements AutoCloseable {

  public final int port;
  public final String base;
  private final Process process;

  private ServerProcess(int port, Process process) {
    this.port = port;
    this.base = "http://127.0.0.1:" + port;
    this.process = process;
  }

  public static ServerProcess start(String dbUrl, String adminToken, Path log) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx1g", "-cp", cp, "org.truce.Truce", "serve",
        "--port", Integer.toString(port), "--db", dbUrl));
    pb.environment().put("TRUCE_ADMIN_TOKEN", adminToken);
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    ServerProcess sp = new ServerProcess(port, pb.start());
    sp.awaitHealthy(log.toFile());
    return sp;
  }

  private void awaitHealthy(File log) throws InterruptedException {
    HttpClient c = HttpClient.newHttpClient();
    for (int i = 0; i < 240; i++) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpResponse<Void> r = c.send(HttpRequest.newBuilder(URI.create(base + "/health")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("server did not answer /health within 60 s; see " + log);
  }

  /** SIGKILL: no shutdown hook, no flush, nothing graceful. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      process.waitFor();
    }
  }
}
