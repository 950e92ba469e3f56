package org.truce.places;

/** A populated place of the gazetteer, with the GeoNames code of its first-level administrative division. */
public record Place(long geonameId, String name, double lat, double lon, long population, String admin1) {}
