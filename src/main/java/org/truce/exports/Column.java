package org.truce.exports;

import java.util.function.Function;

/**
 * One column of a CSV export: its header, its HXL hashtag (null where the format has none) and its value for an
 * incident: a Number (written as it is) or text (neutralised, see {@link SafeCsv}); null is an empty cell.
 */
record Column(String header, String hashtag, Function<Describer.Facts, Object> value) {}
