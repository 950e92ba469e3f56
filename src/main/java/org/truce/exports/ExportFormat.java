package org.truce.exports;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The formats of the incident exports, with their content type and the file name offered for download. */
public enum ExportFormat {
  GEOJSON("application/geo+json", "truce-incidents.geojson"),
  ACLED("text/csv; charset=utf-8", "truce-incidents.acled.csv"),
  HXL("text/csv; charset=utf-8", "truce-incidents.hxl.csv");

  private final String contentType;
  private final String fileName;

  ExportFormat(String contentType, String fileName) {
    this.contentType = contentType;
    this.fileName = fileName;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String contentType() {
    return contentType;
  }

  public String fileName() {
    return fileName;
  }

  public static ExportFormat fromCode(String code) {
    return Arrays.stream(values()).filter(f -> f.code().equals(code)).findFirst().orElse(null);
  }

  public static List<String> codes() {
    return Arrays.stream(values()).map(ExportFormat::code).toList();
  }
}
