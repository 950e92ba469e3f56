package org.truce.access;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.Semaphore;

/**
 * Password hashing with Argon2id, stored as PHC strings ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}). The
 * parameters live here and only here: OWASP's recommended minimum (19 MiB of memory, 2 iterations, parallelism 1),
 * a 16-byte random salt (RFC 9106's recommendation) and a 32-byte hash; passwords are hashed as UTF-8. A stored
 * hash is checked with the parameters it names, so raising them later keeps older hashes valid.
 */
public final class Passwords {

  /** Memory in KiB (19 MiB). */
  public static final int MEMORY_KIB = 19 * 1024;
  public static final int ITERATIONS = 2;
  public static final int PARALLELISM = 1;
  public static final int HASH_BYTES = 32;
  public static final int SALT_BYTES = 16;

  public static final int MIN_LENGTH = 12;
  public static final int MAX_LENGTH = 1024;

  private static final Argon2Function ARGON2ID =
      Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID);

  private final SecureRandom random = new SecureRandom();

  // each computation allocates MEMORY_KIB: a burst of sign-ins waits here instead of exhausting the heap
  private final Semaphore running = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()), true);

  /** A hash of a password nobody has, checked for unknown users so that they take as long as known ones. */
  private volatile String dummy;

  /**
   * Why this password may not be set, or null when it may: 12 to 1024 characters (counted as Unicode code points).
   */
  public static String problem(String password) {
    if (password == null) {
      return "a password is required (" + MIN_LENGTH + " to " + MAX_LENGTH + " characters)";
    }
    int n = password.codePointCount(0, password.length());
    if (n < MIN_LENGTH) {
      return "must be at least " + MIN_LENGTH + " characters, got " + n;
    }
    if (n > MAX_LENGTH) {
      return "must be at most " + MAX_LENGTH + " characters, got " + n;
    }
    return null;
  }

  /** The PHC string of a new random-salted Argon2id hash of the password. */
  public String hash(String password) {
    // our own salt: password4j's would come from a properties file it warns about on every hash
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return limited(() -> ARGON2ID.hash(password.getBytes(StandardCharsets.UTF_8), salt).getResult());
  }

  /**
   * Whether the password matches the stored PHC string. A null or malformed hash (a user without a password)
   * is checked against the dummy hash and never matches, taking the same time as a real check.
   */
  public boolean verify(String password, String phc) {
    String candidate = password == null || password.length() > MAX_LENGTH * 2 ? "" : password;
    Argon2Function f = phc == null ? null : function(phc);
    if (f == null) {
      verifyDummy(candidate);
      return false;
    }
    return limited(() -> f.check(candidate, phc));
  }

  /** Spends the time of one verification, for a user that does not exist. */
  public void verifyDummy(String password) {
    String candidate = password == null || password.length() > MAX_LENGTH * 2 ? "" : password;
    String d = dummy;
    if (d == null) {
      // made on first use (not at start, which every command would pay for); a race makes two, both valid
      d = hash("not a password of anyone " + System.nanoTime());
      dummy = d;
    }
    String phc = d;
    limited(() -> ARGON2ID.check(candidate, phc));
  }

  private static Argon2Function function(String phc) {
    if (!phc.startsWith("$argon2id$")) {
      return null;
    }
    try {
      return Argon2Function.getInstanceFromHash(phc);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private <T> T limited(java.util.function.Supplier<T> work) {
    running.acquireUninterruptibly();
    try {
      return work.get();
    } finally {
      running.release();
    }
  }
}
