package org.truce.places;

/** A populated place of the gazetteer. */
public record Place(long geonameId, String name, double lat, double lon, long population) {}
