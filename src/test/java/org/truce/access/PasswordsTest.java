package org.truce.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Argon2id hashes in PHC form, checked with the parameters they name; length rules. */
class PasswordsTest {

  final Passwords p = new Passwords();

  @Test
  void aHashVerifiesItsPasswordOnlyWhateverItsScript() {
    String password = "كلمة سر طويلة جدا — пароль";
    String phc = p.hash(password);
    assertThat(phc).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    assertThat(p.hash(password)).as("a new salt each time").isNotEqualTo(phc);
    assertThat(p.verify(password, phc)).isTrue();
    assertThat(p.verify(password + " ", phc)).isFalse();
    assertThat(p.verify(null, phc)).isFalse();
  }

  @Test
  void noOrAMalformedHashNeverMatches() {
    assertThat(p.verify("anything at all here", null)).isFalse();
    assertThat(p.verify("anything at all here", "$2a$10$notargon")).isFalse();
    assertThat(p.verify("anything at all here", "$argon2id$v=19$broken")).isFalse();
  }

  @Test
  void lengthIsTwelveToTenTwentyFourCharacters() {
    assertThat(Passwords.problem("12345678901")).isEqualTo("must be at least 12 characters, got 11");
    assertThat(Passwords.problem("123456789012")).isNull();
    assertThat(Passwords.problem("😀".repeat(12))).as("code points, not UTF-16 units").isNull();
    assertThat(Passwords.problem("x".repeat(1024))).isNull();
    assertThat(Passwords.problem("x".repeat(1025))).isEqualTo("must be at most 1024 characters, got 1025");
    assertThat(Passwords.problem(null)).contains("required");
  }
}
