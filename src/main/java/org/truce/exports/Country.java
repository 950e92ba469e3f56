package org.truce.exports;

import java.time.ZoneId;

/**
 * The country whose incidents an export describes, in the codes the ACLED and HXL columns use. The one place in
 * the exports that names Syria: another mechanism's deployment gives its own.
 */
public record Country(int isoNumeric, String iso3, String name, String region, ZoneId timeZone) {

  /** Syria: ISO 3166-1 numeric 760 and alpha-3 SYR, in ACLED's region "Middle East"; dates in local time. */
  public static final Country SYRIA = new Country(760, "SYR", "Syria", "Middle East", ZoneId.of("Asia/Damascus"));
}
