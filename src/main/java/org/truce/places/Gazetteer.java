package org.truce.places;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Resolves place names (in Latin or Arabic script, with or without diacritics) to coordinates.
 * Shipped data: GeoNames cities500 for Syria (CC BY 4.0), see docs/dependencies.md.
 */
public final class Gazetteer {

  static final String SHIPPED = "/org/truce/data/gazetteer-sy.tsv";
  static final String SHIPPED_ADMIN1 = "/org/truce/data/admin1-sy.tsv";
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_LETTER = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Set<String> ARTICLES = Set.of("al", "el", "as", "ash", "an", "ad", "ar", "at", "az", "ath", "adh");

  private final List<Place> places;
  private final Map<String, Place> byKey = new HashMap<>();
  private final Map<String, String> displayNameByKey = new HashMap<>();
  private final Map<String, Optional<Place>> resolved = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, String> admin1Names;

  Gazetteer(List<Place> places, Map<Place, List<String>> names, Map<String, String> admin1Names) {
    this.places = List.copyOf(places);
    this.admin1Names = Map.copyOf(admin1Names);
    // more populous places win a shared name
    List<Place> ordered = new ArrayList<>(places);
    ordered.sort(Comparator.comparingLong(Place::population).reversed().thenComparingLong(Place::geonameId));
    for (Place p : ordered) {
      for (String n : names.get(p)) {
        String key = key(n);
        if (!key.isEmpty() && !byKey.containsKey(key)) {
          byKey.put(key, p);
          displayNameByKey.put(key, n);
        }
      }
    }
  }

  /** The gazetteer shipped with Truce. */
  public static Gazetteer shipped() {
    try (InputStream in = shippedData(SHIPPED); InputStream admin1 = shippedData(SHIPPED_ADMIN1)) {
      return read(in, readAdmin1(admin1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream shippedData(String resource) {
    InputStream in = Gazetteer.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("shipped gazetteer data " + resource + " is missing from the jar");
    }
    return in;
  }

  /** Names by admin1 code, from lines "code TAB name" after a header; lines starting with # are comments. */
  static Map<String, String> readAdmin1(InputStream in) throws IOException {
    Map<String, String> out = new HashMap<>();
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    boolean header = true;
    for (String line; (line = r.readLine()) != null; ) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      if (header) {
        header = false;
        continue;
      }
      String[] c = line.split("\t", -1);
      out.put(c[0], c[1]);
    }
    return out;
  }

  static Gazetteer read(InputStream in, Map<String, String> admin1Names) throws IOException {
    List<Place> places = new ArrayList<>();
    Map<Place, List<String>> names = new HashMap<>();
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    r.readLine(); // header
    for (String line; (line = r.readLine()) != null; ) {
      String[] c = line.split("\t", -1);
      Place p = new Place(Long.parseLong(c[0]), c[1], Double.parseDouble(c[4]), Double.parseDouble(c[5]),
          c[8].isEmpty() ? 0 : Long.parseLong(c[8]), c[7]);
      Set<String> all = new LinkedHashSet<>(List.of(c[1], c[2]));
      for (String alt : c[3].split(",")) {
        if (!alt.isBlank()) {
          all.add(alt.trim());
        }
      }
      places.add(p);
      names.put(p, List.copyOf(all));
    }
    return new Gazetteer(places, names, admin1Names);
  }

  public List<Place> places() {
    return places;
  }

  /** The place of that name, comparing without case, diacritics, punctuation or Arabic articles. */
  public Optional<Place> resolve(String name) {
    // the same few hundred names recur in every bulk load: normalise each once
    Optional<Place> known = resolved.get(name);
    if (known != null) {
      return known;
    }
    Optional<Place> p = Optional.ofNullable(byKey.get(key(name)));
    if (resolved.size() < 100_000 && name.length() <= 200) {
      resolved.put(name, p);
    }
    return p;
  }

  /** The n known names closest to name, for an error message. */
  public List<String> closest(String name, int n) {
    String k = key(name);
    JaroWinklerSimilarity jw = new JaroWinklerSimilarity();
    record Scored(String display, double score) {}
    return byKey.keySet().stream()
        .map(key -> new Scored(displayNameByKey.get(key), jw.apply(k, key)))
        .sorted(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::display))
        .map(Scored::display)
        .distinct()
        .limit(n)
        .toList();
  }

  /** The name of a place's first-level administrative division (a governorate), or null when unknown. */
  public String admin1Name(Place p) {
    return admin1Names.get(p.admin1());
  }

  /** A place found by {@link #search}: the place and the name of it that matched. */
  public record Match(Place place, String matched) {}

  /**
   * Places whose names match what someone is typing, best first, one entry per place: names equal to it (in the
   * gazetteer's comparison), then names starting with it, then names containing it, then (when those are fewer
   * than limit) the closest names by Jaro–Winkler similarity. Within each, more populous places first.
   */
  public List<Match> search(String typed, int limit) {
    String k = key(typed);
    if (k.isEmpty()) {
      return List.of();
    }
    record Scored(String key, int rank, double similarity, Place place) {}
    JaroWinklerSimilarity jw = new JaroWinklerSimilarity();
    List<Scored> scored = new ArrayList<>();
    for (Map.Entry<String, Place> e : byKey.entrySet()) {
      String key = e.getKey();
      int rank = key.equals(k) ? 0 : key.startsWith(k) ? 1 : key.contains(k) ? 2 : 3;
      scored.add(new Scored(key, rank, rank < 3 ? 1 : jw.apply(k, key), e.getValue()));
    }
    scored.sort(Comparator.comparingInt(Scored::rank).thenComparing(Comparator.comparingDouble(Scored::similarity).reversed())
        .thenComparing(Comparator.comparingLong((Scored x) -> x.place().population()).reversed())
        .thenComparing(Scored::key));
    Map<Long, Match> out = new java.util.LinkedHashMap<>();
    for (Scored x : scored) {
      if (out.size() >= limit) {
        break;
      }
      if (x.rank() == 3 && x.similarity() < 0.75) {
        continue;
      }
      out.putIfAbsent(x.place().geonameId(), new Match(x.place(), displayNameByKey.get(x.key())));
    }
    return List.copyOf(out.values());
  }

  /** The nearest place to a point, for labelling. */
  public Place nearest(double lat, double lon) {
    Place best = null;
    double bestD = Double.MAX_VALUE;
    for (Place p : places) {
      double d = (p.lat() - lat) * (p.lat() - lat) + (p.lon() - lon) * (p.lon() - lon);
      if (d < bestD) {
        bestD = d;
        best = p;
      }
    }
    return best;
  }

  static String key(String name) {
    String s = Normalizer.normalize(name, Normalizer.Form.NFKD);
    s = MARKS.matcher(s).replaceAll("");
    s = s.replace('ـ', ' ').toLowerCase(Locale.ROOT); // Arabic tatweel
    StringBuilder out = new StringBuilder();
    for (String token : NOT_LETTER.split(s)) {
      if (token.isEmpty() || ARTICLES.contains(token)) {
        continue;
      }
      // Arabic definite article written attached: "السراقب" and "سراقب" are the same place
      if (token.startsWith("ال") && token.length() > 3) {
        token = token.substring(2);
      }
      out.append(token);
    }
    return out.toString();
  }
}
