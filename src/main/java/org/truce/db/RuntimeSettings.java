package org.truce.db;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Settings changed at run time by an admin (the finding rule, the signature rule): appended, the latest wins. */
public final class RuntimeSettings {

  private RuntimeSettings() {}

  /** The latest value of a run-time setting, if it was ever set. */
  public static Optional<String> get(Handle h, String name) {
    return h.createQuery("select setting_value from setting_changes where name = :n order by seq desc")
        .bind("n", name).setMaxRows(1).mapTo(String.class).findFirst();
  }

  public static void set(Handle h, String name, String value, UUID by, OffsetDateTime at) {
    h.createUpdate("insert into setting_changes(name, setting_value, changed_by, changed_at) values (:n, :v, :by, :at)")
        .bind("n", name).bind("v", value).bind("by", by).bind("at", at).execute();
  }
}
