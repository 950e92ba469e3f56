-- The database itself keeps drafted bulletins and their signatures as they were written: a bulletin is never
-- deleted and never changed, except that issued_at is set once, from null (the issue step); a signature is
-- never changed nor deleted. H2 has no TRUNCATE trigger: it refuses to truncate bulletins (signatures refer to
-- them), and a truncated signature table leaves issued bulletins that no longer verify.
create trigger bulletins_no_change before update, delete on bulletins
  for each row call 'org.truce.bulletins.ImmutableTrigger';
create trigger bulletin_signatures_no_change before update, delete on bulletin_signatures
  for each row call 'org.truce.bulletins.ImmutableTrigger';
