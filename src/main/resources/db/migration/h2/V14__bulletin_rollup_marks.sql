-- Marks for the bulletin rollup (V13): after each row of incidents inserted, updated or deleted, a mark naming its
-- UTC hour and zone (an update marks both the old and the new ones; one that changes none of the columns the
-- rollup sums marks nothing). H2 has no transition tables, so the trigger is per row (RollupMarks).
create trigger incidents_rollup_marks after insert, update, delete on incidents
  for each row call 'org.truce.bulletins.RollupMarks';

-- The incidents already there, summed once.
insert into bulletin_rollup
  select dateadd(second, floor(extract(epoch from t_start) / 3600) * 3600, timestamp with time zone '1970-01-01 00:00:00+00') h,
    coalesce(zone_id, '') z, count(*), sum(report_count),
    sum(case when finding = 'verified' then 1 else 0 end),
    coalesce(sum(civ_killed_best), 0), coalesce(sum(civ_killed_low), 0), coalesce(sum(civ_killed_high), 0), count(civ_killed_best),
    coalesce(sum(civ_injured_best), 0), coalesce(sum(civ_injured_low), 0), coalesce(sum(civ_injured_high), 0), count(civ_injured_best),
    coalesce(sum(cmb_killed_best), 0), coalesce(sum(cmb_killed_low), 0), coalesce(sum(cmb_killed_high), 0), count(cmb_killed_best),
    coalesce(sum(cmb_injured_best), 0), coalesce(sum(cmb_injured_low), 0), coalesce(sum(cmb_injured_high), 0), count(cmb_injured_best)
  from incidents where merged_into is null
  group by h, z;
