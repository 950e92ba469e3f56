-- PostgreSQL only: the web map's counts (GET /api/v1/incidents/clusters) read every incident of a time window and
-- view. With the columns they filter and count on in the index, PostgreSQL answers from the index alone (an
-- index-only scan, once autovacuum has marked the pages) instead of fetching each incident's row. Over 1,000,000
-- incidents (BENCHMARKS.md, section 6), with working memory for the count (IncidentClusters), the dashboard's
-- first view (30 days, all of Syria) went from 381 to 152 ms at the median and a zoomed-in zone from 95 to 24 ms.
-- H2 keeps without it: there it made views filtered by zone slower (its planner took it over incidents_zone_time).
create index incidents_map on incidents(t_start) include (t_end, lat, lon, finding, zone_id, type, perpetrator, merged_into);
