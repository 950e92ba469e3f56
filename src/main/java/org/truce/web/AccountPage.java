package org.truce.web;

import java.time.OffsetDateTime;
import java.util.List;
import org.truce.access.Token;
import org.truce.access.Tokens;

/**
 * What the account page shows about the signed-in user: messageKey (or null) says what was just done, error what
 * was refused; its API tokens, a token just issued (shown this once), and why a token was not issued.
 */
public record AccountPage(String name, String party, List<String> roles, OffsetDateTime expiresAt, String messageKey,
                          String error, List<Token> tokens, Tokens.Issued issued, String tokenError) {}
