package org.truce.web;

import java.time.Instant;
import java.util.List;
import org.truce.access.Account;
import org.truce.access.Users;

/** The users' list for admins, with the form that adds one; created holds a user just made, with its token (once). */
public record AdminUsersPage(List<Account> users, String next, List<String> parties, List<String> roles, String error,
                             Users.Created created, String typedName, Instant now) {}
