-- When user-service last confirmed that the user should hold this seat (a take, or a retried take
-- of a seat already held). A release event written before that moment is stale: the user was
-- deactivated and then activated again before licensing-service read the deactivation.
alter table seat_assignment add column confirmed_at timestamptz not null default now();
