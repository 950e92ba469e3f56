package org.truce.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The web interface's words in every {@link Lang}: properties files in UTF-8 under org/truce/web/i18n, one per
 * bundle and language ({@code messages_ar.properties}). A key missing in a language falls back to English, and
 * a test checks that none is missing. A feature with pages of its own adds its bundle's name to {@link #BUNDLES}
 * (e.g. "bulletins" for {@code bulletins_en.properties} …) and keeps its keys under its own prefix.
 */
public final class Messages {

  /** The bundles read, in order; a key of a later one wins. */
  public static final List<String> BUNDLES = List.of("messages", "bulletins");

  private static final Messages SHIPPED = load();

  private final Map<Lang, Map<String, String>> byLang;

  private Messages(Map<Lang, Map<String, String>> byLang) {
    this.byLang = byLang;
  }

  public static Messages shipped() {
    return SHIPPED;
  }

  private static Messages load() {
    Map<Lang, Map<String, String>> all = new EnumMap<>(Lang.class);
    for (Lang l : Lang.values()) {
      Map<String, String> m = new HashMap<>();
      for (String bundle : BUNDLES) {
        String name = "i18n/" + bundle + "_" + l.code() + ".properties";
        try (InputStream in = Messages.class.getResourceAsStream(name)) {
          if (in == null) {
            throw new IllegalStateException("missing resource org/truce/web/" + name);
          }
          Properties p = new Properties();
          p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
          p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      all.put(l, Collections.unmodifiableMap(m));
    }
    return new Messages(all);
  }

  /** The text of key in lang (English when lang lacks it; the key itself when no language has it). */
  public String get(Lang lang, String key) {
    String s = byLang.get(lang).get(key);
    if (s == null) {
      s = byLang.get(Lang.EN).get(key);
    }
    return s == null ? key : s;
  }

  /** The text with its {0}, {1} … filled in, numbers and dates written in lang's locale. */
  public String format(Lang lang, String key, Object... args) {
    String pattern = get(lang, key);
    if (args.length == 0) {
      return pattern;
    }
    return new MessageFormat(pattern.replace("'", "''"), lang.locale()).format(args);
  }

  /** Whether lang has its own text for key. */
  public boolean has(Lang lang, String key) {
    return byLang.get(lang).containsKey(key);
  }

  /** Every key of a language. */
  public Set<String> keys(Lang lang) {
    return new TreeSet<>(byLang.get(lang).keySet());
  }

  /** Every key of a language that starts with prefix, with its text: what the page scripts need. */
  public Map<String, String> withPrefix(Lang lang, String prefix) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (String k : byLang.get(Lang.EN).keySet()) {
      if (k.startsWith(prefix)) {
        out.put(k, get(lang, k));
      }
    }
    return out;
  }
}
