package org.truce.bulletins;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.truce.access.Role;
import org.truce.http.Json;
import org.truce.support.TestServer;
import org.truce.support.TestServer.Answer;

/**
 * A drafted bulletin whose notes are in Arabic, Persian, Russian and Turkish, on the real server: its PDF draws every
 * word in an embedded font, with Arabic and Persian letters joined, and gives the words back when its text is read.
 */
class BulletinPdfLanguagesTest {

  static final String ARABIC = "قصف السوق في إدلب";
  // with a zero-width non-joiner in آتش‌بس (ceasefire), as Persian is written
  static final String PERSIAN = "آتش\u200Cبس: گزارش پیگیری شد";
  static final String RUSSIAN = "Обстрел рынка в Идлибе подтверждён";
  static final String TURKISH = "Ateşkes ihlali İdlib'de gözlendi";

  private static TestServer server;
  private static byte[] pdf;

  @BeforeAll
  static void start() throws IOException {
    server = TestServer.start();
    String coordinator = server.token("coordinator", "SEC", Role.COORDINATOR);
    String opp = server.token("reporter-opp", "SY-OPP", Role.REPORTER);
    BulletinApiTest.report(server, opp, "SY-OPP", "SY-GOV", "2026-11-12T10:00:00+03:00", 35.864, 36.806, null, null, "shelling");
    ObjectNode draft = Json.MAPPER.createObjectNode().put("from", "2026-11-12").put("to", "2026-11-12")
        .put("note", ARABIC + " — " + PERSIAN).put("internalNote", RUSSIAN + "; " + TURKISH);
    Answer d = server.request("POST", "/api/v1/bulletins", draft.toString(), coordinator);
    assertThat(d.status()).as(d.body()).isEqualTo(201);
    TestServer.Bytes b = server.getBytes("/api/v1/bulletins/" + d.json().get("id").asText() + "?format=pdf&audience=internal",
        coordinator);
    assertThat(b.status()).isEqualTo(200);
    pdf = b.body();
    Files.write(Path.of("target/bulletin-languages.pdf"), pdf); // for a look by eye
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyLanguageComesBackFromThePdfText() throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      // PDFBox puts right-to-left runs back in reading order and reads presentation forms as the letters they are
      String text = new PDFTextStripper().getText(doc);
      assertThat(text).contains(RUSSIAN).contains(TURKISH).contains(ARABIC).contains(PERSIAN).doesNotContain("#");
    }
  }

  @Test
  void everyLetterIsAGlyphOfAnEmbeddedFont() throws IOException {
    List<TextPosition> drawn = positions();
    assertThat(drawn).extracting(TextPosition::getUnicode).contains("ж", "ё", "ş", "İ", "ö");
    for (TextPosition t : drawn) {
      PDFont f = t.getFont();
      assertThat(f.isEmbedded()).as("font %s of '%s'", f.getName(), t.getUnicode()).isTrue();
      assertThat(f.getName()).contains("DejaVuSans");
      // code 0 would be the font's "missing glyph" box
      assertThat(t.getCharacterCodes()).as("'%s'", t.getUnicode()).doesNotContain(0);
    }
  }

  @Test
  void persianLettersAreDrawnJoined() throws IOException {
    // پیگیری: peh initial, farsi yeh medial, gaf medial, farsi yeh medial, reh final, farsi yeh isolated;
    // گزارش: gaf initial. Left alone they would be drawn as isolated base letters.
    List<String> glyphs = positions().stream().map(TextPosition::getUnicode).toList();
    assertThat(glyphs).contains("\uFB58", "\uFBFF", "\uFB95", "\uFEAE", "\uFBFC", "\uFB94")
        .doesNotContain("\u067E", "\u06AF", "\u06CC");
  }

  @Test
  void popplerReadsTheSameWordsWhereInstalled() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/pdftotext")), "pdftotext (poppler-utils) not installed");
    Path f = Files.createTempFile("bulletin", ".pdf");
    try {
      Files.write(f, pdf);
      Process p = new ProcessBuilder("/usr/bin/pdftotext", "-l", "1", f.toString(), "-").redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor()).isZero();
      assertThat(text).contains(RUSSIAN).contains(TURKISH);
      // poppler gives the presentation forms as drawn, each word in reading order; its guess at the order of the
      // words of a right-to-left line with punctuation is its own (the drawing is right, see the PDFBox tests)
      String letters = Normalizer.normalize(text, Normalizer.Form.NFKC);
      for (String word : (ARABIC + " " + PERSIAN.replace(":", "")).split(" ")) {
        assertThat(letters).contains(word);
      }
    } finally {
      Files.delete(f);
    }
  }

  /** The characters drawn on the first page (the notes are there) that are not ASCII, with their fonts. */
  private static List<TextPosition> positions() throws IOException {
    List<TextPosition> found = new ArrayList<>();
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDFTextStripper stripper = new PDFTextStripper() {
        @Override
        protected void processTextPosition(TextPosition text) {
          if (text.getUnicode().chars().anyMatch(c -> c > 0x7F && c != '·' && c != '—')) {
            found.add(text);
          }
          super.processTextPosition(text);
        }
      };
      stripper.setStartPage(1);
      stripper.setEndPage(1);
      stripper.getText(doc);
    }
    return found;
  }
}
