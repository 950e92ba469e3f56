-- The database itself keeps drafted bulletins and their signatures as they were written, whoever asks: a
-- bulletin is never deleted and never changed, except that issued_at is set once, from null (the issue step);
-- a signature is never changed nor deleted. (An owner can still disable the triggers; what was signed is
-- checked by the signatures themselves.)
create function bulletins_immutable() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.issued_at is null and new.issued_at is not null
      and to_jsonb(new) - 'issued_at' = to_jsonb(old) - 'issued_at' then
    return new;
  end if;
  raise exception 'bulletins are immutable: % refused (only issued_at is set, once)', tg_op using errcode = '42501';
end $$;

create function bulletin_signatures_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'bulletin signatures are immutable: % refused', tg_op using errcode = '42501';
end $$;

create trigger bulletins_no_change before update or delete on bulletins
  for each row execute function bulletins_immutable();
create trigger bulletins_no_truncate before truncate on bulletins
  for each statement execute function bulletins_immutable();
create trigger bulletin_signatures_no_change before update or delete on bulletin_signatures
  for each row execute function bulletin_signatures_immutable();
create trigger bulletin_signatures_no_truncate before truncate on bulletin_signatures
  for each statement execute function bulletin_signatures_immutable();
