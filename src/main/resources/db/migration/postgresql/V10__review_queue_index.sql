-- The review queue reads incidents oldest first and skips those its guarantor has assessed: with the columns it
-- filters on in the index, PostgreSQL steps over the assessed ones in the index alone (an index-only scan, once
-- autovacuum has marked the pages) instead of fetching each row. 100,000 assessed incidents before the first
-- page: 677 ms -> 140 ms (BENCHMARKS.md, section 4).
create index incidents_queue on incidents(created_at, id) include (needs_review, merged_into, basis);
