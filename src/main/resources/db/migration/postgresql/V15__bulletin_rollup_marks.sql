-- Marks for the bulletin rollup (V13): after every statement that inserts, updates or deletes incidents, one mark
-- per distinct UTC hour and zone it touched (an update marks both the old and the new hour and zone). Statement
-- triggers with transition tables, so a batch or a COPY of thousands of incidents adds a few marks, not one each.
-- An update that changes none of the columns the rollup sums marks nothing.
create function bulletin_rollup_hour(t timestamp with time zone) returns timestamp with time zone
  language sql immutable parallel safe as $$ select to_timestamp(floor(extract(epoch from t) / 3600) * 3600) $$;

create function bulletin_rollup_mark_new() returns trigger language plpgsql as $$
begin
  insert into bulletin_rollup_marks(hour_start, zone_id)
    select distinct bulletin_rollup_hour(t_start), coalesce(zone_id, '') from new_rows;
  return null;
end $$;

create function bulletin_rollup_mark_old() returns trigger language plpgsql as $$
begin
  insert into bulletin_rollup_marks(hour_start, zone_id)
    select distinct bulletin_rollup_hour(t_start), coalesce(zone_id, '') from old_rows;
  return null;
end $$;

create function bulletin_rollup_mark_changed() returns trigger language plpgsql as $$
begin
  with changed as (
    select o.t_start ot, o.zone_id oz, n.t_start nt, n.zone_id nz
      from old_rows o full join new_rows n on n.id = o.id
      where n.id is null or o.id is null
        or (o.t_start, o.zone_id, o.merged_into, o.report_count, o.finding,
            o.civ_killed_best, o.civ_killed_low, o.civ_killed_high, o.civ_injured_best, o.civ_injured_low, o.civ_injured_high,
            o.cmb_killed_best, o.cmb_killed_low, o.cmb_killed_high, o.cmb_injured_best, o.cmb_injured_low, o.cmb_injured_high)
        is distinct from
           (n.t_start, n.zone_id, n.merged_into, n.report_count, n.finding,
            n.civ_killed_best, n.civ_killed_low, n.civ_killed_high, n.civ_injured_best, n.civ_injured_low, n.civ_injured_high,
            n.cmb_killed_best, n.cmb_killed_low, n.cmb_killed_high, n.cmb_injured_best, n.cmb_injured_low, n.cmb_injured_high))
  insert into bulletin_rollup_marks(hour_start, zone_id)
    select distinct bulletin_rollup_hour(t), z from (
      select ot t, coalesce(oz, '') z from changed union all select nt, coalesce(nz, '') from changed) x
    where t is not null;
  return null;
end $$;

create trigger incidents_rollup_insert after insert on incidents
  referencing new table as new_rows for each statement execute function bulletin_rollup_mark_new();
create trigger incidents_rollup_update after update on incidents
  referencing old table as old_rows new table as new_rows for each statement execute function bulletin_rollup_mark_changed();
create trigger incidents_rollup_delete after delete on incidents
  referencing old table as old_rows for each statement execute function bulletin_rollup_mark_old();
-- A report added, moved to another incident or removed changes its parties' figures in its incidents' hours.
create function bulletin_rollup_mark_reports_new() returns trigger language plpgsql as $$
begin
  insert into bulletin_rollup_marks(hour_start, zone_id)
    select distinct bulletin_rollup_hour(i.t_start), coalesce(i.zone_id, '') from new_rows r join incidents i on i.id = r.incident_id;
  return null;
end $$;
create function bulletin_rollup_mark_reports_old() returns trigger language plpgsql as $$
begin
  insert into bulletin_rollup_marks(hour_start, zone_id)
    select distinct bulletin_rollup_hour(i.t_start), coalesce(i.zone_id, '') from old_rows r join incidents i on i.id = r.incident_id;
  return null;
end $$;
create function bulletin_rollup_mark_reports_changed() returns trigger language plpgsql as $$
begin
  with changed as (
    select o.incident_id oi, n.incident_id ni from old_rows o full join new_rows n on n.id = o.id
      where n.id is null or o.id is null or (o.incident_id, o.source_party) is distinct from (n.incident_id, n.source_party))
  insert into bulletin_rollup_marks(hour_start, zone_id)
    select distinct bulletin_rollup_hour(i.t_start), coalesce(i.zone_id, '')
    from (select oi incident from changed union select ni from changed) c join incidents i on i.id = c.incident;
  return null;
end $$;
create trigger reports_rollup_insert after insert on reports
  referencing new table as new_rows for each statement execute function bulletin_rollup_mark_reports_new();
create trigger reports_rollup_update after update on reports
  referencing old table as old_rows new table as new_rows for each statement execute function bulletin_rollup_mark_reports_changed();
create trigger reports_rollup_delete after delete on reports
  referencing old table as old_rows for each statement execute function bulletin_rollup_mark_reports_old();

-- TRUNCATE fires no row trigger: it empties the rollup too.
create function bulletin_rollup_truncated() returns trigger language plpgsql as $$
begin
  delete from bulletin_rollup;
  delete from bulletin_rollup_parties;
  return null;
end $$;
create trigger incidents_rollup_truncate after truncate on incidents
  for each statement execute function bulletin_rollup_truncated();

-- The incidents already there, summed once.
insert into bulletin_rollup
  select bulletin_rollup_hour(t_start), coalesce(zone_id, ''), count(*), sum(report_count),
    sum(case when finding = 'verified' then 1 else 0 end),
    coalesce(sum(civ_killed_best), 0), coalesce(sum(civ_killed_low), 0), coalesce(sum(civ_killed_high), 0), count(civ_killed_best),
    coalesce(sum(civ_injured_best), 0), coalesce(sum(civ_injured_low), 0), coalesce(sum(civ_injured_high), 0), count(civ_injured_best),
    coalesce(sum(cmb_killed_best), 0), coalesce(sum(cmb_killed_low), 0), coalesce(sum(cmb_killed_high), 0), count(cmb_killed_best),
    coalesce(sum(cmb_injured_best), 0), coalesce(sum(cmb_injured_low), 0), coalesce(sum(cmb_injured_high), 0), count(cmb_injured_best)
  from incidents where merged_into is null
  group by 1, 2;

insert into bulletin_rollup_parties
  select h, z, p, sum(n), count(*), sum(v) from (
    select bulletin_rollup_hour(i.t_start) h, coalesce(i.zone_id, '') z, r.source_party p, i.id, count(*) n,
      max(case when i.finding = 'verified' then 1 else 0 end) v
    from reports r join incidents i on i.id = r.incident_id where i.merged_into is null
    group by 1, 2, 3, 4) x
  group by h, z, p;
