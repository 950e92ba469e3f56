-- Marks for the bulletin rollup (V13): after each row of incidents inserted, updated or deleted, a mark naming its
-- UTC hour and zone (an update marks both the old and the new ones; one that changes none of the columns the
-- rollup sums marks nothing). H2 has no transition tables, so the trigger is per row (RollupMarks).
create trigger incidents_rollup_marks after insert, update, delete on incidents
  for each row call 'org.truce.bulletins.RollupMarks';
-- a report added, moved to another incident or removed: its incidents' hours and zones
create trigger reports_rollup_marks after insert, update, delete on reports
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

insert into bulletin_rollup_parties
  select h, z, p, sum(n), count(*), sum(v) from (
    select dateadd(second, floor(extract(epoch from i.t_start) / 3600) * 3600, timestamp with time zone '1970-01-01 00:00:00+00') h,
      coalesce(i.zone_id, '') z, r.source_party p, i.id, count(*) n, max(case when i.finding = 'verified' then 1 else 0 end) v
    from reports r join incidents i on i.id = r.incident_id where i.merged_into is null
    group by h, z, p, i.id) x
  group by h, z, p;
