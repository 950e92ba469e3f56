package org.truce.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every word of the interface exists in each language, with the same placeholders. */
class MessagesTest {

  final Messages m = Messages.shipped();

  @Test
  void everyLanguageHasEveryKeyAndNoOther() {
    Set<String> english = m.keys(Lang.EN);
    assertThat(english).hasSizeGreaterThan(50);
    for (Lang l : Lang.values()) {
      assertThat(m.keys(l)).as(l.code()).containsExactlyInAnyOrderElementsOf(english);
    }
  }

  @Test
  void translationsKeepThePlaceholdersAndAreNotLeftInEnglish() {
    Pattern ph = Pattern.compile("\\{(\\d)\\}");
    for (String k : m.keys(Lang.EN)) {
      Set<String> expected = placeholders(ph, m.get(Lang.EN, k));
      for (Lang l : Lang.values()) {
        assertThat(placeholders(ph, m.get(l, k))).as(l.code() + " " + k).isEqualTo(expected);
        if (l != Lang.EN && m.get(Lang.EN, k).matches(".*[a-z]{4,}.*")) {
          assertThat(m.get(l, k)).as("%s %s is translated", l.code(), k).isNotEqualTo(m.get(Lang.EN, k));
        }
      }
    }
  }

  @Test
  void rightToLeftForArabicAndPersianOnly() {
    assertThat(Lang.AR.dir()).isEqualTo("rtl");
    assertThat(Lang.FA.dir()).isEqualTo("rtl");
    assertThat(Lang.EN.dir()).isEqualTo("ltr");
    assertThat(Lang.RU.dir()).isEqualTo("ltr");
    assertThat(Lang.TR.dir()).isEqualTo("ltr");
    assertThat(Lang.fromAcceptLanguage("fa-IR,fa;q=0.9,en;q=0.5")).isEqualTo(Lang.FA);
    assertThat(Lang.fromAcceptLanguage("de-DE,tr;q=0.7")).isEqualTo(Lang.TR);
    assertThat(Lang.fromAcceptLanguage("de")).isEqualTo(Lang.EN);
    assertThat(Lang.fromAcceptLanguage("%%%")).isEqualTo(Lang.EN);
  }

  private static Set<String> placeholders(Pattern p, String s) {
    Set<String> out = new java.util.TreeSet<>();
    Matcher mm = p.matcher(s);
    while (mm.find()) {
      out.add(mm.group(1));
    }
    return out;
  }
}
