package org.truce;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.truce.access.Account;
import org.truce.access.Token;
import org.truce.access.Tokens;
import org.truce.audit.AuditLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `users token ...`: a user's API tokens from the command line; each change is audited as made by the system. */
@Command(name = "token", description = "Issue, list and revoke a user's API tokens.",
    subcommands = {TokenCommands.Create.class, TokenCommands.ListTokens.class, TokenCommands.Revoke.class})
final class TokenCommands {

  @Command(name = "create", description = "Issue a new token to a user and print it (shown once).")
  static final class Create implements Callable<Integer> {
    @Option(names = "--name", required = true, description = "user name")
    String name;

    @Option(names = "--label", required = true, description = "what the token is for, 1 to 200 characters")
    String label;

    @Mixin
    Truce.DbOptionsMixin db;

    @Override
    public Integer call() {
      try (App app = db.open()) {
        Account a = UserCommands.account(app, name);
        Tokens.Issued t = app.tokens.issue(AuditLog.Actor.SYSTEM, a.user().id(), label).orElseThrow();
        System.out.println("created token " + t.token().id() + " (" + label + ") for user " + name
            + (a.disabled() ? "; the user is disabled, so it works only once the user is enabled" : ""));
        System.out.println("token (shown once, keep it secret): " + t.secret());
      }
      return 0;
    }
  }

  @Command(name = "list", description = "List a user's tokens, newest first (never the tokens themselves).")
  static final class ListTokens implements Callable<Integer> {
    @Option(names = "--name", required = true, description = "user name")
    String name;

    @Mixin
    Truce.DbOptionsMixin db;

    @Override
    public Integer call() {
      try (App app = db.open()) {
        Account a = UserCommands.account(app, name);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "CREATED", "REVOKED", "LABEL"});
        for (Token t : app.tokens.list(a.user().id())) {
          rows.add(new String[] {t.id().toString(), UserCommands.time(t.createdAt()), UserCommands.time(t.revokedAt()), t.label()});
        }
        UserCommands.table(rows);
      }
      return 0;
    }
  }

  @Command(name = "revoke", description = "Revoke one of a user's tokens; revoking it again changes nothing.")
  static final class Revoke implements Callable<Integer> {
    @Option(names = "--name", required = true, description = "user name")
    String name;

    @Option(names = "--id", required = true, description = "token id, as `users token list` prints it")
    String id;

    @Mixin
    Truce.DbOptionsMixin db;

    @Override
    public Integer call() {
      UUID tokenId;
      try {
        tokenId = UUID.fromString(id);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--id '" + id + "' is not a token id; see ./truce users token list --name " + name);
      }
      try (App app = db.open()) {
        Account a = UserCommands.account(app, name);
        switch (app.tokens.revoke(AuditLog.Actor.SYSTEM, a.user().id(), tokenId)) {
          case REVOKED -> System.out.println("revoked token " + tokenId + " of user " + name
              + "; it no longer works (running servers: within 10 s)");
          case ALREADY_REVOKED -> System.out.println("token " + tokenId + " of user " + name + " was already revoked");
          case NOT_FOUND -> throw new IllegalArgumentException("user " + name + " has no token " + tokenId
              + "; see ./truce users token list --name " + name);
        }
      }
      return 0;
    }
  }
}
