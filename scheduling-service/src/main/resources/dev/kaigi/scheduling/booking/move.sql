-- One move of a booking in one statement (MTG-03 reschedule, MTG-04 reassign, MTG-05 a host who
-- leaves), run by BookingMover: in auto-commit it is its own transaction; in an event's transaction
-- it runs under a savepoint. When any step fails, nothing is written: never both slots held, never
-- neither.
--
-- The candidates are the hosts whose facts accept the new time, as for a booking (book.sql); to
-- keep the meeting with its host, the plan offers that host alone. The statement
--   guard     checks the facts version and the caller (LIF-01), as book.sql;
--   moving    locks the booking, still booked, unchanged since it was read (its sequence), and not
--             started; a concurrent change makes it empty, and then nothing below is written;
--   ranked    the candidates in the fair order (AVL-05), a candidate at its cap that day full, as
--             book.sql; the booking's own day (same host, same local day) counts one meeting fewer,
--             and so does its host's window in the pool when it holds the booking's day, since the
--             meeting only moves;
--   free      marks those under their cap with no other meeting or calendar busy time in the way open;
--   chosen    the first open one no other booking is being written for (advisory lock), as book.sql;
--   passed    the candidates who could not take it (AVL-06), as book.sql;
--   counter   takes a place under the new day's cap, unless the meeting stays on its day;
--   kept      locks the day a meeting that stays on it keeps; both it and counter refuse a day that an
--             absence newer than the plan's facts closed (AVL-02, host_day.closed_at_version);
--   released  gives the old day's place back, only once the new one is taken;
--   moved     writes the new start, host, day and zone, and raises the sequence (MTG-01); the
--             exclusion constraint refuses an overlap (SQLSTATE 23P01), the whole statement with it;
--             a meeting that goes to another host keeps who was passed over in that choice (AVL-06:
--             the plan's, passed_over_ids, and passed);
--   untallied, tallied  move the meeting's count in the pool from its old host and day to the new
--             ones (AVL-05), unless it stays on its day with its host; each after the host-day row of
--             the same host and day is locked (released, counter), as every writer of the pool's
--             rows does, so they add no lock order of their own;
--   announced writes the event (meeting-rescheduled or meeting-reassigned) to the outbox, its key
--             and host fields from the chosen row;
--   noted     notes a new host's last meeting (a rule of the fair order);
--   remembered keeps the Idempotency-Key and its answer, as book.sql.
with guard as (
    select 1
    where coalesce((select v.version from org_facts_version v where v.org_id = :org_id), 0) = :facts_version
      and not exists (select 1 from host h
                      where h.user_id = :caller_user_id
                        and (h.org_id <> :caller_org_id or h.status = any(cast(:gone_statuses as text[]))))
), moving as (
    select b.host_user_id, b.host_day, b.meeting_type_id
    from booking b, guard
    where b.id = :booking_id and b.org_id = :org_id and b.status = 'BOOKED' and b.sequence = :sequence
      and b.starts_at > :now
    for update of b
), ranked as materialized (
    select c.user_id, c.day, c.cap, c.zone, (c.user_id = m.host_user_id and c.day = m.host_day) as same_day,
           coalesce(d.booked, 0) - (c.user_id = m.host_user_id and c.day = m.host_day)::int >= c.cap as full,
           row_number() over fair as place
    from moving m,
         unnest(cast(:host_ids as uuid[]), cast(:host_days as date[]), cast(:host_caps as int[]), cast(:host_zones as text[]),
                cast(:host_weights as int[]), cast(:host_priorities as int[]))
             with ordinality c(user_id, day, cap, zone, weight, priority, pos)
    left join host_day d on d.user_id = c.user_id and d.day = c.day
    left join host_last_booked l on l.user_id = c.user_id
    cross join lateral (select coalesce(sum(p.meetings), 0) as meetings from pool_host_day p
                        where p.meeting_type_id = m.meeting_type_id and p.user_id = c.user_id
                          and p.day > c.day - cast(:fair_window_days as int) and p.day <= c.day) w
    window fair as (order by (w.meetings - (c.user_id = m.host_user_id and m.host_day > c.day - cast(:fair_window_days as int)
                                            and m.host_day <= c.day)::int + 1)::float8 / c.weight,
                             c.priority desc, coalesce(d.booked, 0) - (c.user_id = m.host_user_id and c.day = m.host_day)::int,
                             l.booked_at nulls first, c.pos)
    order by place
), free as (
    select r.*,
           not r.full
           and not exists (select 1 from booking b
                           where b.host_user_id = r.user_id and b.status <> 'CANCELLED' and b.id <> :booking_id
                             and b.blocked_from > :earliest_blocked_from and b.blocked_from < :blocked_to
                             and b.blocked_to > :blocked_from)
           and not exists (select 1 from busy_time t
                           where t.user_id = r.user_id and t.start_at < :blocked_to and t.end_at > :blocked_from) as open
    from ranked r
), chosen as (
    (select * from free where open and pg_try_advisory_xact_lock(hashtext(user_id::text), day - date '2000-01-01') limit 1)
    union all
    (select * from free where open limit 1)
    limit 1
), passed as (
    select coalesce(array_agg(p.user_id order by p.place), '{}') as ids, coalesce(array_agg(p.reason order by p.place), '{}') as reasons
    from (select r.user_id, r.place, cast(:cap_reason as text) as reason from ranked r where r.full
          union all
          select f.user_id, f.place, cast(:overlap_reason as text)
          from (select * from free limit coalesce((select place - 1 from chosen), 0)) f
          where not f.open and not f.full) p
), counter as (
    insert into host_day (org_id, user_id, day, booked)
    select :org_id, user_id, day, 1 from chosen where not same_day
    on conflict (user_id, day) do update set booked = host_day.booked + 1
        where host_day.booked < (select cap from chosen) and host_day.closed_at_version <= :facts_version
    returning 1
), kept as (
    update host_day d set booked = d.booked
    from chosen c
    where c.same_day and d.user_id = c.user_id and d.day = c.day and d.closed_at_version <= :facts_version
    returning 1
), released as (
    update host_day d set booked = d.booked - 1
    from moving m, chosen c
    where d.user_id = m.host_user_id and d.day = m.host_day and not c.same_day and exists (select 1 from counter)
    returning 1
), moved as (
    update booking b
    set host_user_id = c.user_id, host_day = c.day, host_time_zone = c.zone, starts_at = :starts_at, ends_at = :ends_at,
        blocked_from = :blocked_from, blocked_to = :blocked_to, sequence = b.sequence + 1, updated_at = :now,
        passed_over_host_ids = case when c.user_id = m.host_user_id then b.passed_over_host_ids
                                    else cast(:passed_over_ids as uuid[]) || p.ids end,
        passed_over_reasons = case when c.user_id = m.host_user_id then b.passed_over_reasons
                                   else cast(:passed_over_reasons as text[]) || p.reasons end
    from chosen c, moving m, passed p
    where b.id = :booking_id and (exists (select 1 from kept) or exists (select 1 from counter))
    returning 1
), untallied as (
    update pool_host_day p set meetings = p.meetings - 1
    from released, moving m
    where p.meeting_type_id = m.meeting_type_id and p.user_id = m.host_user_id and p.day = m.host_day and p.meetings > 0
    returning 1
), tallied as (
    insert into pool_host_day (meeting_type_id, user_id, day, meetings)
    select m.meeting_type_id, c.user_id, c.day, 1 from moved, moving m, chosen c
    where not c.same_day
    on conflict (meeting_type_id, user_id, day) do update set meetings = pool_host_day.meetings + 1
    returning 1
), announced as (
    insert into outbox (event_id, topic, event_key, event_type, source, subject, org_id, occurred_at, payload,
        traceparent, tracestate)
    select :event_id, :event_topic, c.user_id::text, :event_type, :event_source, c.user_id::text, :event_org_id,
        :event_occurred_at, cast(:event_payload as jsonb) || jsonb_build_object(cast(:event_host_field as text), c.user_id, 'hostTimeZone', c.zone),
        :event_traceparent, :event_tracestate
    from moved, chosen c
    returning 1
), noted as (
    insert into host_last_booked (user_id, booked_at)
    select c.user_id, :now from moved, moving m, chosen c
    where c.user_id <> m.host_user_id
    on conflict (user_id) do update set booked_at = greatest(host_last_booked.booked_at, excluded.booked_at)
    returning 1
), remembered as (
    insert into idempotency_key (org_id, key, request_hash, booking_id, response)
    select :org_id, :idempotency_key, :request_hash, :booking_id,
        replace(:response, :host_placeholder,
                '"hostUserId":' || to_json(c.user_id)::text || ',"hostTimeZone":' || to_json(c.zone)::text)
    from moved, chosen c
    where :idempotency_key is not null
    returning response
)
-- whether the guard passed, whether the booking was there to move, the host chosen (none: nobody
-- free), whether the meeting moved, and the answer kept with the key
select (select count(*) from guard) as guard_passed, (select count(*) from moving) as located,
       c.user_id, c.day, c.zone, (select count(*) from moved) as moved, (select response from remembered) as response
from (select 1) one
left join chosen c on true
