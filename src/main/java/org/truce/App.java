package org.truce;

import java.time.Clock;
import org.truce.access.Tokens;
import org.truce.access.UserAdmin;
import org.truce.access.LoginPolicy;
import org.truce.access.Logins;
import org.truce.bulletins.Bulletins;
import org.truce.bulletins.Composer;
import org.truce.access.Passwords;
import org.truce.access.Sessions;
import org.truce.access.Users;
import org.truce.audit.AuditLog;
import org.truce.config.Settings;
import org.truce.db.Database;
import org.truce.incidents.Curation;
import org.truce.incidents.IncidentStore;
import org.truce.incidents.Linker;
import org.truce.incidents.Matcher;
import org.truce.parties.Parties;
import org.truce.places.Gazetteer;
import org.truce.reports.Ingest;
import org.truce.reports.ReportParser;
import org.truce.reports.ReportStore;
import org.truce.verification.Verification;
import org.truce.zones.ZoneIndex;
import org.truce.zones.ZoneStore;

/** Everything one Truce process runs on, wired once from its settings. */
public final class App implements AutoCloseable {

  /** Incidents' members kept in the deduplication cache before it is dropped and reloaded on demand. */
  static final int CACHE_MEMBERS = 3_000_000;

  public final Settings settings;
  public final Clock clock;
  public final Database db;
  public final Parties parties;
  public final ZoneStore zoneStore;
  public final ZoneIndex zones;
  public final Gazetteer gazetteer;
  public final Users users;
  public final Tokens tokens;
  public final UserAdmin userAdmin;
  public final ReportParser parser;
  public final ReportStore reports;
  public final IncidentStore incidents;
  public final Matcher matcher;
  public final AuditLog audit;
  public final Ingest ingest;
  public final Verification verification;
  public final Curation curation;
  public final Sessions sessions;
  public final Logins logins;
  public final Bulletins bulletins;

  private App(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.db = Database.open(settings.dbUrl(), settings.dbUser(), settings.dbPassword(), 16);
    try {
      this.audit = new AuditLog(db.jdbi(), clock, db.isPostgres());
      this.parties = Parties.load(db.jdbi(), clock, audit);
      this.zoneStore = new ZoneStore(db.jdbi());
      this.zones = new ZoneIndex(zoneStore.loadWithDefaults(clock, audit));
      this.gazetteer = Gazetteer.shipped();
      this.users = new Users(db.jdbi(), audit, clock);
      this.tokens = new Tokens(db.jdbi(), users, audit, clock);
      this.userAdmin = new UserAdmin(db.jdbi(), users, audit, clock);
      this.parser = new ReportParser(parties, zones, gazetteer, settings.limits(), clock);
      this.reports = new ReportStore(db.jdbi(), db.isPostgres());
      this.incidents = new IncidentStore(db.jdbi(), db.isPostgres());
      this.matcher = new Matcher(settings.dedup());
      this.ingest = new Ingest(db.jdbi(), reports, incidents, new Linker(matcher, CACHE_MEMBERS),
          zones, audit, db.isPostgres(), clock, 1000);
      this.verification = new Verification(db.jdbi(), parties, audit, clock);
      this.curation = new Curation(db.jdbi(), incidents, verification, audit, clock);
      this.sessions = new Sessions(db.jdbi(), audit, users, clock, settings.web().sessionLifetime());
      this.logins = new Logins(db.jdbi(), audit, users, sessions, new Passwords(), LoginPolicy.DEFAULT, clock);
      this.bulletins = new Bulletins(db.jdbi(), new Composer(settings.bulletins(), parties, zones), parties, verification, audit, clock);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /**
   * An ingest like this app's but appending nothing to the audit log: only for the benchmarks that measure what
   * the log costs ({@code truce bench import --audit-cost}, {@code truce bench api --audit-cost}).
   */
  public Ingest ingestWithoutAudit() {
    return new Ingest(db.jdbi(), reports, incidents, new Linker(matcher, CACHE_MEMBERS), zones, null, db.isPostgres(), clock, 1000);
  }

  public static App open(Settings settings, Clock clock) {
    return new App(settings, clock);
  }

  @Override
  public void close() {
    ingest.close();
    db.close();
  }
}
