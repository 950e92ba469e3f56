package org.truce.bulletins;

import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.TextDirection;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.truce.zones.Zone;

/**
 * A bulletin as HTML (one self-contained file: styles inline, pictures as data URIs) and as PDF. The PDF is the
 * same HTML laid out by openhtmltopdf, except the annex: its rows (tens of thousands in a busy month) are drawn
 * straight onto A4 pages with PDFBox, which is a hundred times faster than laying out a table that long.
 *
 * <p>The PDF's text is set in DejaVu Sans, embedded (subset) in each document, so that free text in any of the
 * mechanism's languages (Arabic, Persian, Russian, Turkish, English) shows; right-to-left runs are ordered and Arabic
 * and Persian letters joined by ICU4J ({@link RtlText}).
 */
public final class Renderer {

  private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);
  /** The family the template asks for first; browsers do not know it and fall through to their own fonts. */
  private static final String FAMILY = "Truce Sans";
  private static final byte[] REGULAR = font("DejaVuSans.ttf");
  private static final byte[] BOLD = font("DejaVuSans-Bold.ttf");
  private static final List<String> FINDINGS = List.of("verified", "disputed", "under_review", "open", "not_verified", "dismissed");

  private final List<Zone> zones;

  public Renderer(List<Zone> zones) {
    this.zones = zones;
  }

  /** The HTML bulletin; signatures null for a computed (never drafted) bulletin. */
  public byte[] html(Bulletin b, List<BulletinPage.Signature> signatures) {
    return render(page(b, signatures, true));
  }

  public void pdf(Bulletin b, List<BulletinPage.Signature> signatures, OutputStream out) throws IOException {
    byte[] html = render(page(b, signatures, false));
    try (PDDocument doc = new PDDocument()) {
      PdfRendererBuilder builder = new PdfRendererBuilder();
      builder.useFastMode();
      builder.withProducer("Truce");
      builder.withHtmlContent(new String(html, StandardCharsets.UTF_8), null);
      // the font files are read once per process; each document embeds only the glyphs it uses
      builder.useFont(() -> new ByteArrayInputStream(REGULAR), FAMILY, 400, FontStyle.NORMAL, true);
      builder.useFont(() -> new ByteArrayInputStream(BOLD), FAMILY, 700, FontStyle.NORMAL, true);
      builder.useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory());
      builder.useUnicodeBidiReorderer(new RtlText());
      builder.defaultTextDirection(TextDirection.LTR);
      builder.usePDDocument(doc);
      try (PdfBoxRenderer renderer = builder.buildPdfRenderer()) {
        renderer.createPDFWithoutClosing();
      }
      if (!b.incidents().isEmpty()) {
        new Annex(doc, b).draw();
      }
      doc.save(out);
    }
  }

  private static byte[] font(String file) {
    try (InputStream in = Renderer.class.getResourceAsStream("fonts/" + file)) {
      if (in == null) {
        throw new IllegalStateException("font " + file + " is missing from the build (maven-dependency-plugin unpacks it)");
      }
      return withoutLigatures(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The font with its glyph substitution table renamed, so PDFBox draws "fi" as two letters, not the ligature: text
   * readers that do not undo ligatures (pdftotext) then find "confirmed". Arabic joining does not use that table (the
   * shaper gives presentation forms), and embedded subsets never carry it.
   */
  static byte[] withoutLigatures(byte[] ttf) {
    int tables = ((ttf[4] & 0xFF) << 8) | (ttf[5] & 0xFF);
    for (int i = 0; i < tables; i++) {
      int at = 12 + 16 * i;
      if (new String(ttf, at, 4, StandardCharsets.US_ASCII).equals("GSUB")) {
        System.arraycopy("XSUB".getBytes(StandardCharsets.US_ASCII), 0, ttf, at, 4);
      }
    }
    return ttf;
  }

  private BulletinPage page(Bulletin b, List<BulletinPage.Signature> signatures, boolean annexInHtml) {
    List<BulletinPage.Legend> legend = FINDINGS.stream().map(f -> new BulletinPage.Legend(f, Figures.hex(f))).toList();
    return new BulletinPage(b, Figures.dataUri(Figures.trend(b.trend())),
        Figures.dataUri(Figures.map(zones, b.incidents(), b.period().zone())), annexInHtml, legend, signatures);
  }

  private static byte[] render(BulletinPage page) {
    Utf8ByteOutput out = new Utf8ByteOutput();
    ENGINE.render("bulletin.jte", page, out);
    return out.toByteArray();
  }

  /**
   * The annex on A4 pages: one line of 6 pt Courier per incident (one text operation each, so a month of
   * incidents draws in a few seconds), the header repeated on each page.
   */
  static final class Annex {
    private static final float MARGIN = 30;
    private static final float ROW = 8.5f;
    private static final String FORMAT = "%-16s %-14s %-22s %-8s %-12s %7s %7s %7s %7s %3s %s";

    private final PDDocument doc;
    private final Bulletin b;
    private final PDType1Font mono = new PDType1Font(Standard14Fonts.FontName.COURIER);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final DateTimeFormatter time;

    Annex(PDDocument doc, Bulletin b) {
      this.doc = doc;
      this.b = b;
      this.time = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ENGLISH).withZone(ZoneId.of(b.period().timeZone()));
    }

    void draw() throws IOException {
      PDRectangle a4 = PDRectangle.A4;
      int perPage = (int) ((a4.getHeight() - 2 * MARGIN - 3 * ROW) / ROW);
      List<Bulletin.Line> lines = b.incidents();
      // the internal annex gives each incident a second line: its report sources
      int linesEach = lines.stream().anyMatch(l -> l.sources() != null) ? 2 : 1;
      int rowsPerPage = perPage / linesEach;
      int pages = (lines.size() + rowsPerPage - 1) / rowsPerPage;
      String head = String.format(Locale.ROOT, FORMAT, "Start", "Zone", "Type", "Perpetr.", "Finding", "Lat", "Lon",
          "Civ k/i", "Cmb k/i", "Rep", "Incident");
      StringBuilder row = new StringBuilder(200);
      for (int p = 0; p < pages; p++) {
        PDPage page = new PDPage(a4);
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          float y = a4.getHeight() - MARGIN;
          text(cs, bold, 9, y, "Annex: every incident of the period (" + lines.size() + "), page " + (p + 1) + " of " + pages);
          y -= ROW * 1.8f;
          // one text object per page, a line each: setting the font and position once per row costs as much again
          cs.beginText();
          cs.setFont(mono, 6);
          cs.setLeading(ROW);
          cs.newLineAtOffset(MARGIN, y);
          cs.showText(safe(head));
          int end = Math.min(lines.size(), (p + 1) * rowsPerPage);
          for (int i = p * rowsPerPage; i < end; i++) {
            Bulletin.Line l = lines.get(i);
            row.setLength(0);
            // the columns of FORMAT, padded by hand: String.format took most of the annex's time
            left(row, time.format(l.start()), 16);
            left(row, cut(l.zone(), 14), 14);
            left(row, cut(label(l.type()), 22), 22);
            left(row, cut(l.perpetrator(), 8), 8);
            left(row, cut(label(l.finding()), 12), 12);
            right(row, decimal3(l.lat()), 7);
            right(row, decimal3(l.lon()), 7);
            right(row, BulletinPage.n(l.civiliansKilled()) + "/" + BulletinPage.n(l.civiliansInjured()), 7);
            right(row, BulletinPage.n(l.combatantsKilled()) + "/" + BulletinPage.n(l.combatantsInjured()), 7);
            right(row, Integer.toString(l.reports()), 3);
            row.append(l.id());
            cs.newLine();
            cs.showText(safe(row));
            if (linesEach == 2) {
              String src = "  sources: " + (l.sources() == null ? "" : String.join("; ", l.sources()));
              cs.newLine();
              cs.showText(safe(cut(src, 148)));
            }
          }
          cs.endText();
        }
      }
    }

    /** v padded with spaces to width n, then the column separator (as %-ns in FORMAT). */
    static void left(StringBuilder b, String v, int n) {
      b.append(v);
      for (int k = v.length(); k < n; k++) {
        b.append(' ');
      }
      b.append(' ');
    }

    /** v right-aligned in width n, then the column separator (as %ns in FORMAT). */
    static void right(StringBuilder b, String v, int n) {
      for (int k = v.length(); k < n; k++) {
        b.append(' ');
      }
      b.append(v).append(' ');
    }

    /** As String.format("%.3f", v): half up on the shortest decimal that reads back as v (as Formatter rounds). */
    static String decimal3(double v) {
      double a = Math.abs(v) * 1000;
      double frac = a - Math.floor(a);
      if (a < 1e12 && Math.abs(frac - 0.5) > 1e-6) {
        // far from a tie, rounding the scaled double gives the same digits
        long m = Math.round(a);
        StringBuilder b = new StringBuilder(12);
        if (v < 0 || (v == 0 && 1 / v < 0)) {
          b.append('-');
        }
        long units = m / 1000;
        long thousandths = m % 1000;
        b.append(units).append('.');
        if (thousandths < 100) {
          b.append(thousandths < 10 ? "00" : "0");
        }
        return b.append(thousandths).toString();
      }
      String s = java.math.BigDecimal.valueOf(v).setScale(3, java.math.RoundingMode.HALF_UP).toPlainString();
      return v < 0 && !s.startsWith("-") ? "-" + s : s;
    }

    private static String label(String v) {
      return v == null ? "" : v.replace('_', ' ');
    }

    private static String cut(String v, int n) {
      String t = v == null ? "" : v;
      return t.length() <= n ? t : t.substring(0, n - 1) + "~";
    }

    private static void text(PDPageContentStream cs, PDType1Font f, float size, float y, String s) throws IOException {
      cs.beginText();
      cs.setFont(f, size);
      cs.newLineAtOffset(MARGIN, y);
      cs.showText(safe(s));
      cs.endText();
    }

    /** Text in WinAnsi; anything it cannot encode (annex cells are codes, numbers and ids) becomes '?'. */
    private static String safe(CharSequence s) {
      StringBuilder safe = new StringBuilder(s.length());
      for (int k = 0; k < s.length(); k++) {
        char ch = s.charAt(k);
        safe.append(ch == '–' ? '-' : ch >= 32 && ch < 127 ? ch : '?');
      }
      return safe.toString();
    }
  }
}
