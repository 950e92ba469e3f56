package org.truce.web;

import java.util.List;
import java.util.Map;
import org.truce.bulletins.Bulletins;

/**
 * The guarantors' signing keys: every key with its party and state (public: anyone checking a bulletin needs
 * them), the registration form for a guarantor's reviewer, and revocation of one's own party's keys (admins: any).
 */
public record BulletinKeysPage(List<Bulletins.Key> keys, boolean mayRegister, boolean admin, String party,
    String doneKey, List<String> errors, Map<String, String> typed) {

  public String typed(String field) {
    return typed.getOrDefault(field, "");
  }

  public boolean mayRevoke(Bulletins.Key k) {
    return k.revokedAt() == null && (admin || mayRegister && k.party().equals(party));
  }
}
