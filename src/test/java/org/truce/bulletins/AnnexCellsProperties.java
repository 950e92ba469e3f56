package org.truce.bulletins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** The PDF annex pads its cells by hand exactly as the format it replaced would have. */
class AnnexCellsProperties {

  @Property(tries = 2000)
  void decimalsAsFormatted(@ForAll @DoubleRange(min = -180, max = 180) double v) {
    assertThat(Renderer.Annex.decimal3(v)).isEqualTo(String.format(Locale.ROOT, "%.3f", v));
  }

  @Property(tries = 2000)
  void decimalsNearTiesAsFormatted(@ForAll @IntRange(min = -180_000, max = 180_000) int thousandths,
      @ForAll @IntRange(min = -3, max = 3) int ulps) {
    double v = (thousandths + 0.5) / 1000;
    for (int k = 0; k < Math.abs(ulps); k++) {
      v = ulps > 0 ? Math.nextUp(v) : Math.nextDown(v);
    }
    assertThat(Renderer.Annex.decimal3(v)).isEqualTo(String.format(Locale.ROOT, "%.3f", v));
  }

  @Property(tries = 500)
  void paddingAsFormatted(@ForAll @StringLength(max = 30) String v, @ForAll @IntRange(min = 1, max = 25) int n) {
    StringBuilder l = new StringBuilder();
    Renderer.Annex.left(l, v, n);
    StringBuilder r = new StringBuilder();
    Renderer.Annex.right(r, v, n);
    assertThat(l.toString()).isEqualTo(String.format(Locale.ROOT, "%-" + n + "s ", v));
    assertThat(r.toString()).isEqualTo(String.format(Locale.ROOT, "%" + n + "s ", v));
  }
}
