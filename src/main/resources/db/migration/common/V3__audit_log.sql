-- The record: every state change, appended, each entry chained to the one before by SHA-256.
-- hash = SHA-256 of the canonical JSON array [seq, at, user_id, party, action, entity_type, entity_id, change, prev_hash]
-- (see org.truce.audit.AuditLog and docs/audit.md). Nothing in this table is ever updated or deleted: the
-- database refuses both (postgresql/V4 and h2/V4).
create table audit_log (
  seq          bigint       primary key,
  at           timestamp with time zone not null,
  user_id      uuid,
  party        varchar(32),
  action       varchar(64)  not null,
  entity_type  varchar(32)  not null,
  entity_id    varchar(100) not null,
  change       text         not null,   -- canonical JSON
  prev_hash    varchar(64)  not null,
  hash         varchar(64)  not null
);

-- One row: the head of the chain. Appending takes this row's lock, so parallel writers append one after the
-- other and never fork the chain. It is a convenience only: `truce audit verify` recomputes from audit_log.
create table audit_state (
  id    integer     primary key,
  seq   bigint      not null,
  hash  varchar(64) not null
);
insert into audit_state(id, seq, hash) values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
