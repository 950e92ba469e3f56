-- PostgreSQL only: the incident list stays fast whatever its filters.
--   incidents_facets  one GIN index over the facet columns: any combination of zone, type, perpetrator and
--                     finding is answered by intersecting its posting lists (needs btree_gin, which ships
--                     with PostgreSQL and is a trusted extension: the database's owner may create it).
--   statistics on lower(search_text), the expression `q` searches, so that the planner knows how common a
--                     word is: without them it guessed 0.02 % for every word, and sorted a whole window
--                     where reading incidents_time newest-first stops at the limit.
-- A trigram index for `q` would make rare words fast too, but costs the bulk import more than half its
-- speed; docs/operations.md shows how to add it where searching matters more than importing.
-- Where the extension cannot be created the migration still succeeds, with a warning; lists are only slower.
create statistics incidents_search_text_stats on (lower(search_text)) from incidents;

do $$
begin
  create extension if not exists btree_gin;
  create index incidents_facets on incidents using gin (zone_id, type, perpetrator, finding);
exception when others then
  raise warning 'index incidents_facets not created (%): incident lists filtered by several facets will be slower', sqlerrm;
end $$;
