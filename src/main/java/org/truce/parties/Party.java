package org.truce.parties;

/** A party to the mechanism: a guarantor, a conflict party, an observer, the secretariat, or `unknown`. */
public record Party(String code, String name, String kind) {

  public static final String UNKNOWN = "unknown";
  public static final String GUARANTOR = "guarantor";
  public static final String SECRETARIAT = "secretariat";

  public boolean isGuarantor() {
    return GUARANTOR.equals(kind);
  }
}
