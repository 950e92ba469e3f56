package org.truce.bulletins;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.openhtmltopdf.bidi.BidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiReorderer;

/**
 * Right-to-left text for the PDF: ICU4J orders and shapes it, then the Persian letters get their joined forms too.
 *
 * <p>The PDF's text has no OpenType shaping, so Arabic letters are drawn as their presentation forms. ICU's shaper
 * writes only the forms of Unicode's block B, which lacks the letters Persian adds (پ چ ژ ک گ ی): it joins their
 * neighbours to them but leaves them isolated. Their forms are in block A; this picks each one from the joining of
 * the letters beside it.
 */
final class RtlText implements BidiReorderer {

  private final ICUBidiReorderer icu = new ICUBidiReorderer();

  @Override
  public String reorderRTLTextToLTR(String text) {
    return icu.reorderRTLTextToLTR(text);
  }

  @Override
  public String shapeText(String text) {
    return persianForms(icu.shapeText(text));
  }

  @Override
  public String deshapeText(String text) {
    return icu.deshapeText(text);
  }

  @Override
  public boolean isLiveImplementation() {
    return true;
  }

  /** Text shaped by ICU (logical order) with Persian letters in their isolated, final, initial or medial form. */
  static String persianForms(String shaped) {
    char[] out = shaped.toCharArray();
    for (int i = 0; i < out.length; i++) {
      int[] forms = forms(out[i]);
      if (forms == null) {
        continue;
      }
      int prev = neighbour(out, i, -1);
      int next = neighbour(out, i, +1);
      boolean joinsBefore = prev >= 0 && joinsForward(out[prev]);
      boolean joinsAfter = forms.length == 4 && next >= 0 && joinsBackward(out[next]);
      int form = joinsBefore ? (joinsAfter ? 3 : 1) : (joinsAfter ? 2 : 0);
      out[i] = (char) forms[form];
    }
    return new String(out);
  }

  /** Presentation forms A: isolated, final, then (for letters that join on both sides) initial and medial. */
  private static int[] forms(char c) {
    return switch (c) {
      case '\u067E' -> new int[] {0xFB56, 0xFB57, 0xFB58, 0xFB59}; // peh
      case '\u0686' -> new int[] {0xFB7A, 0xFB7B, 0xFB7C, 0xFB7D}; // tcheh
      case '\u0698' -> new int[] {0xFB8A, 0xFB8B}; // jeh
      case '\u06A9' -> new int[] {0xFB8E, 0xFB8F, 0xFB90, 0xFB91}; // keheh
      case '\u06AF' -> new int[] {0xFB92, 0xFB93, 0xFB94, 0xFB95}; // gaf
      case '\u06CC' -> new int[] {0xFBFC, 0xFBFD, 0xFBFE, 0xFBFF}; // farsi yeh
      default -> null;
    };
  }

  /** The nearest character on that side that is not a vowel mark (marks do not break joining), or -1. */
  private static int neighbour(char[] s, int i, int step) {
    for (int j = i + step; j >= 0 && j < s.length; j += step) {
      if (UCharacter.getIntPropertyValue(s[j], UProperty.JOINING_TYPE) != UCharacter.JoiningType.TRANSPARENT) {
        return j;
      }
    }
    return -1;
  }

  /** Whether a character (as it stands, shaped or a Persian letter already given its form) joins the one after it. */
  private static boolean joinsForward(char c) {
    int type = UCharacter.getIntPropertyValue(c, UProperty.DECOMPOSITION_TYPE);
    return type == UCharacter.DecompositionType.INITIAL || type == UCharacter.DecompositionType.MEDIAL
        || c == '\u0640' || c == '\u200D';
  }

  /** Whether a character joins the one before it: a final or medial form, a Persian letter, a tatweel or joiner. */
  private static boolean joinsBackward(char c) {
    int type = UCharacter.getIntPropertyValue(c, UProperty.DECOMPOSITION_TYPE);
    return type == UCharacter.DecompositionType.FINAL || type == UCharacter.DecompositionType.MEDIAL
        || forms(c) != null || c == '\u0640' || c == '\u200D';
  }
}
