-- Sign-in attempts on names that belong to no user are counted like those on real users (users.failed_logins),
-- so that the growing waits and the lock-out do not tell which names exist. Keyed by the SHA-256 of the name
-- tried (a mistyped password in the name field is not kept); rows whose count has lapsed are deleted.
create table login_throttle (
  name_hash       varchar(64) primary key,
  failed_logins   integer     not null,
  last_failed_at  timestamp with time zone not null,
  locked_until    timestamp with time zone
);
create index login_throttle_last_failed on login_throttle(last_failed_at);

