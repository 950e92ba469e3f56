-- Access: a user has one party and a set of roles; web login with a password (Argon2id) and sessions.
create table user_roles (
  user_id  uuid        not null references users(id),
  role     varchar(32) not null,
  primary key (user_id, role)
);
insert into user_roles(user_id, role) select id, role from users;
alter table users drop column role;

-- The password's Argon2id hash in PHC string form; null: the user signs in with API tokens only.
alter table users add column password_hash varchar(400);
-- Failed sign-ins since the last success: each one lengthens the wait before the next attempt is even
-- checked, and enough of them lock the account until locked_until (or until an admin unlocks it).
alter table users add column failed_logins integer default 0 not null;
alter table users add column last_failed_at timestamp with time zone;
alter table users add column locked_until timestamp with time zone;
-- A disabled user's tokens and sessions stop working; the user stays, with its history.
alter table users add column disabled_at timestamp with time zone;

-- Web sessions live in the database (the server keeps no state of its own, so several servers can share them).
create table web_sessions (
  id_hash     varchar(64) primary key,   -- SHA-256 of the cookie's value; the value itself is never stored
  user_id     uuid        not null references users(id),
  csrf_token  varchar(64) not null,
  created_at  timestamp with time zone not null,
  expires_at  timestamp with time zone not null,
  ended_at    timestamp with time zone
);
create index web_sessions_user on web_sessions(user_id);
