-- HostFactsLoader.taken must read through a btree on (host, start of the blocked time); V3's
-- index carried the same partial predicate as the exclusion constraint's GiST index
-- (status = 'BOOKED'), so the planner could pick either, and for a booking's short span it
-- picked the GiST one with only the host as index condition: every booking the host ever had,
-- filtered (3.8 ms of PostgreSQL per booking at 16 clients, growing with the history). This index
-- is not partial, and the query asks for status <> 'CANCELLED', which cannot use the GiST index's
-- predicate, so this is the one index for it. It also carries blocked_to and status, so pages
-- that autovacuum has marked all-visible are answered from the index alone.
drop index booking_blocked_by_host;
create index booking_taken_by_host on booking (host_user_id, blocked_from) include (blocked_to, status);
