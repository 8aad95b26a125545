-- AVL-05: a pool host's weight (their target share of the pool's meetings is weight / sum of the pool's
-- weights) and priority (higher is preferred, only between hosts the weights leave tied).
alter table meeting_type_host add column weight integer not null default 1 check (weight between 1 and 100);
alter table meeting_type_host add column priority integer not null default 0 check (priority between -100 and 100);

-- AVL-05: a meeting type's meetings per host and local day (the day booking.host_day names), kept by the
-- statements that book, move and cancel (book.sql, move.sql, BookingService.cancelled) as host_day is. The
-- fair choice sums a host's rows over the days of its window: at most that many rows per candidate, read
-- through the primary key, however long the history. No foreign keys: the rows are derived, and a key check
-- would lock the meeting type's and the host's rows on every booking.
create table pool_host_day (
    meeting_type_id uuid    not null,
    user_id         uuid    not null,
    day             date    not null,
    meetings        integer not null check (meetings >= 0),
    primary key (meeting_type_id, user_id, day)
);

insert into pool_host_day (meeting_type_id, user_id, day, meetings)
select meeting_type_id, host_user_id, host_day, count(*) from booking where status = 'BOOKED'
group by meeting_type_id, host_user_id, host_day;

-- AVL-06: the pool's hosts who could not take the meeting when its host was chosen, each with the
-- eligibility reason (Reason's code) at the same index: what the distribution report counts. Kept on the
-- booking itself, so recording it costs the booking's statement no other row.
alter table booking add column passed_over_host_ids uuid[] not null default '{}';
alter table booking add column passed_over_reasons text[] not null default '{}';
alter table booking add constraint booking_passed_over_pairs
    check (cardinality(passed_over_host_ids) = cardinality(passed_over_reasons));
