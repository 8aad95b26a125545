-- booking_by_host_created served only the fair choice's max(created_at) per host, which V6's
-- host_last_booked replaced, while every booking still paid for keeping it. It was also one more
-- index led by the host that the planner could pick for HostFactsLoader.TAKEN, reading each
-- host's whole history, when the statistics do not know a new organization's hosts yet: the
-- 16-client phase of bench/results/2026-11-22T22-20-59Z.md spent 3.5 ms of PostgreSQL per booking
-- in that query (0.2 ms in the runs before), which such a plan would explain.
drop index booking_by_host_created;
