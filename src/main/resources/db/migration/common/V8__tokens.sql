-- A public id for every API token, random and unrelated to the secret. A prefix of token_hash would do as
-- an id for random tokens, but it is an offline check for guesses at a weak one (the operator-chosen
-- TRUCE_ADMIN_TOKEN), and ids are written into the audit log, which is kept forever and shared.
-- Tokens issued before this migration get a random id here (the default is evaluated per row).
alter table api_tokens add column id uuid default gen_random_uuid() not null;
create unique index api_tokens_id on api_tokens(id);
