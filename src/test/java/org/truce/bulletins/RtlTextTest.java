package org.truce.bulletins;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;

/** Persian letters get the joined forms ICU's Arabic shaper leaves out. */
class RtlTextTest {

  private final RtlText rtl = new RtlText();

  @Test
  void persianLettersJoinTheirNeighbours() {
    // پیگیری: peh initial, yeh medial, gaf medial, yeh medial, reh final (ICU), yeh isolated after reh
    assertThat(rtl.shapeText("پیگیری")).isEqualTo("\uFB58\uFBFF\uFB95\uFBFF\uFEAE\uFBFC");
    // کتاب: keheh initial; ژاله: jeh joins only the letter before it, so it is isolated here
    assertThat(rtl.shapeText("کتاب").charAt(0)).isEqualTo('\uFB90');
    assertThat(rtl.shapeText("ژاله").charAt(0)).isEqualTo('\uFB8A');
    // after a joining letter: final; a vowel mark in between does not break the join
    assertThat(rtl.shapeText("بی")).endsWith("\uFBFD");
    assertThat(rtl.shapeText("بِی")).endsWith("\uFBFD");
    // a zero-width non-joiner keeps them apart
    assertThat(rtl.shapeText("می\u200Cشود").charAt(1)).isEqualTo('\uFBFD');
  }

  @Test
  void shapedTextReadsBackAsWritten() {
    for (String s : new String[] {"گزارش پیگیری شد", "آتش\u200Cبس", "قصف السوق في إدلب", "چای و ژاله"}) {
      assertThat(Normalizer.normalize(rtl.shapeText(s), Normalizer.Form.NFKC)).isEqualTo(Normalizer.normalize(s, Normalizer.Form.NFKC));
    }
  }
}
