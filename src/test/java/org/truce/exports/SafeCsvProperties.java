package org.truce.exports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Whatever text a report carries, the CSV exports' cells read back as that text, prefixed with a single quote
 * exactly when a spreadsheet would otherwise take it for a formula; numbers, negative ones too, stay numbers.
 */
class SafeCsvProperties {

  @Property(tries = 1000)
  void noTextCellStartsAFormulaAndNoneIsAlteredOtherwise(@ForAll("text") String text, @ForAll int number,
                                                         @ForAll("degrees") BigDecimal degrees) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SafeCsv csv = new SafeCsv(bytes);
    csv.row(List.of("header", "n", "d", "again"));
    csv.row(java.util.Arrays.asList(text, number, degrees, "notes: " + text));
    csv.flush();
    List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(bytes.toString(StandardCharsets.UTF_8))).getRecords();

    assertThat(rows).hasSize(2);
    CSVRecord row = rows.get(1);
    String cell = row.get(0);
    boolean formula = !text.isEmpty() && SafeCsv.FORMULA_STARTS.indexOf(text.charAt(0)) >= 0;
    assertThat(cell).isEqualTo(formula ? "'" + text : text);
    assertThat(cell.isEmpty() || SafeCsv.FORMULA_STARTS.indexOf(cell.charAt(0)) < 0).as(cell).isTrue();
    assertThat(row.get(1)).isEqualTo(Integer.toString(number));
    assertThat(new BigDecimal(row.get(2))).isEqualByComparingTo(degrees);
    assertThat(row.get(3)).isEqualTo("notes: " + text);
  }

  /** Any well-formed text, often starting with a character that begins a formula. */
  @Provide
  Arbitrary<String> text() {
    Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(60)
        .filter(s -> s.codePoints().noneMatch(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE));
    Arbitrary<String> risky = Arbitraries.of("=", "+", "-", "@", "\t", "\r", "'", "\"", "=HYPERLINK(\"http://x\",\"y\")", "-2+3",
        "@SUM(A1)", "\r\n=1+1").flatMap(prefix -> any.map(rest -> prefix + rest));
    return Arbitraries.oneOf(any, risky);
  }

  @Provide
  Arbitrary<BigDecimal> degrees() {
    return Arbitraries.bigDecimals().between(BigDecimal.valueOf(-180), BigDecimal.valueOf(180)).ofScale(4);
  }
}
