-- Bulletins: guarantors' signing keys, drafted bulletins and their signatures. Nothing here is edited: a key
-- is revoked by setting revoked_at once, a bulletin is issued by setting issued_at once; its content never
-- changes, and a correction is a new bulletin that names the one it corrects.

create table guarantor_keys (
  id             varchar(32)  primary key,   -- the first 16 bytes of SHA-256 of the public key, hex
  party          varchar(32)  not null references parties(code),
  public_key     varchar(200) not null,      -- Ed25519 public key: base64 of its X.509 SubjectPublicKeyInfo (DER)
  label          varchar(200),
  registered_by  uuid         not null,
  registered_at  timestamp with time zone not null,
  revoked_by     uuid,
  revoked_at     timestamp with time zone
);
create index guarantor_keys_party on guarantor_keys(party);

create table bulletins (
  id              uuid         primary key,
  number          bigint       not null unique,
  period_from     timestamp with time zone not null,
  period_to       timestamp with time zone not null,
  zone_id         varchar(64),
  corrects        uuid         references bulletins(id),
  content         text         not null,   -- canonical JSON (RFC 8785) of the public bulletin: what is signed
  content_sha256  varchar(64)  not null,
  internal_note   varchar(8000),           -- shown to guarantors and the secretariat; never signed nor published
  signature_rule  varchar(16)  not null,   -- the rule in force when drafted: all or majority of the guarantors
  drafted_by      uuid         not null,
  drafted_at      timestamp with time zone not null,
  issued_at       timestamp with time zone
);
create index bulletins_corrects on bulletins(corrects);

create table bulletin_signatures (
  bulletin_id  uuid         not null references bulletins(id),
  party        varchar(32)  not null,
  key_id       varchar(32)  not null references guarantor_keys(id),
  signature    varchar(200) not null,      -- base64 Ed25519 signature of the content's UTF-8 bytes
  signed_by    uuid         not null,
  signed_at    timestamp with time zone not null,
  primary key (bulletin_id, party)
);
