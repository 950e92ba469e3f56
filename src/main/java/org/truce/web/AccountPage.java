package org.truce.web;

import java.time.OffsetDateTime;
import java.util.List;

/** What the account page shows about the signed-in user; messageKey (or null) says what was just done. */
public record AccountPage(String name, String party, List<String> roles, OffsetDateTime expiresAt, String messageKey,
                          String error) {}
