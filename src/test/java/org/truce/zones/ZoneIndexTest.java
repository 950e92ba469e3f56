package org.truce.zones;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Placing points in the shipped zones. */
class ZoneIndexTest {

  final ZoneIndex index = new ZoneIndex(ZoneStore.shippedZones());

  @Test
  void saraqibIsInIdlibAndDaraaInTheSouth() {
    assertThat(index.place(35.864, 36.806, LocalDate.of(2026, 11, 20)).zoneId()).isEqualTo("idlib");
    assertThat(index.place(32.62, 36.10, LocalDate.of(2026, 11, 20)).zoneId()).isEqualTo("south");
  }

  @Test
  void pointOutsideEveryZoneGetsTheNearestAndItsDistance() {
    ZoneIndex.Placement aleppo = index.place(36.20, 37.15, LocalDate.of(2026, 11, 20));
    assertThat(aleppo.zoneId()).isNull();
    assertThat(aleppo.nearestZoneId()).isEqualTo("idlib");
    assertThat(aleppo.nearestZoneKm()).isBetween(1.0, 30.0);
  }

  @Test
  void zonesCountOnlyWhileValid() {
    // the de-escalation zones date from the memorandum of 6 May 2017
    assertThat(index.place(35.864, 36.806, LocalDate.of(2016, 6, 1)).zoneId()).isNull();
    assertThat(index.place(35.864, 36.806, LocalDate.of(2017, 5, 6)).zoneId()).isEqualTo("idlib");
  }

  @Test
  void areaOfOperationIsSyria() {
    assertThat(index.inAreaOfOperation(33.51, 36.29)).isTrue(); // Damascus
    assertThat(index.inAreaOfOperation(48.85, 2.35)).isFalse(); // Paris
    assertThat(index.inAreaOfOperation(33.89, 35.50)).isFalse(); // Beirut
  }
}
