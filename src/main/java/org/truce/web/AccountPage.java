package org.truce.web;

/** What the account page shows about the signed-in user, with the session's CSRF token for its forms. */
public record AccountPage(String name, String party, String partyName, String roles, String expiresAt, String csrf,
                          String message, String error) {}
