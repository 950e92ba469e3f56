package org.truce.exports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV output (RFC 4180: commas, CRLF, quotes where needed; UTF-8 without a byte-order mark) in which no text cell
 * can run as a spreadsheet formula: text starting with = + - @ tab or carriage return gets a leading single quote,
 * as OWASP advises against CSV injection. Numbers are written as numbers, so a negative number stays one.
 */
final class SafeCsv {

  /** The first characters that make a spreadsheet read a cell as a formula (or, for tab and CR, hide one). */
  static final String FORMULA_STARTS = "=+-@\t\r";

  private final BufferedWriter writer;
  private final CSVPrinter printer;

  SafeCsv(OutputStream out) throws IOException {
    this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    this.printer = new CSVPrinter(writer, CSVFormat.RFC4180);
  }

  /** Text as a cell that a spreadsheet shows as text: with a leading ' when it would start a formula. */
  static String neutralise(String text) {
    if (text != null && !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
      return "'" + text;
    }
    return text;
  }

  /** Writes one row; each cell is a Number, text, or null (empty). */
  void row(List<?> cells) throws IOException {
    List<String> out = new ArrayList<>(cells.size());
    for (Object c : cells) {
      if (c == null) {
        out.add("");
      } else if (c instanceof BigDecimal d) {
        out.add(d.toPlainString());
      } else if (c instanceof Number n) {
        out.add(n.toString());
      } else {
        out.add(neutralise(c.toString()));
      }
    }
    printer.printRecord(out);
  }

  /** Writes out what is buffered (the underlying stream stays open). */
  void flush() throws IOException {
    printer.flush();
  }
}
