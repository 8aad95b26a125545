-- One booking in one statement (SCH-08, SCH-03, LIF-01), run by BookingWriter in auto-commit: it
-- is its own transaction, and when any step fails nothing is written.
--
-- The candidates are the hosts whose facts accept the slot, in pool order, each with the local day
-- the meeting counts on (in the host's zone), the cap of that day, the zone, and their weight and
-- priority in the pool (AVL-05). The statement
--   guard     checks that the organization's facts are still the version the candidates were judged
--             under, and that the calling user is not deactivated, deleted or moved (LIF-01);
--   ranked    puts the candidates in the fair order (AVL-05, SCH-08): smallest (meetings of this pool
--             in the window + 1) / weight, i.e. the host whose share would stay furthest below their
--             weight's share with this meeting, where the window is the fair_window_days local days
--             up to the meeting's (pool_host_day); then higher priority, fewest meetings that day,
--             booked longest ago (never first), pool order; a candidate at its cap that day is full;
--   free      marks those under their cap with no meeting or calendar busy time in the way open;
--   chosen    takes the first open one that no other booking is being written for right now (an
--             advisory lock per host-day, only tried, never waited for: concurrent bookings spread over
--             the pool, and every instance sees it), or the first open one when each is (it then queues);
--   passed    the candidates who could not take it (AVL-06): every full one, and those ranked before
--             the chosen host whose time is taken;
--   counter   takes a place under the cap ("where booked < cap": a concurrent booking that filled
--             the day since this snapshot leaves it empty, and then nothing below is written), on a
--             day no absence newer than the plan's facts closed (AVL-02, host_day.closed_at_version);
--   booked    inserts the booking (its exclusion constraint refuses an overlap: SQLSTATE 23P01), with
--             the hosts passed over: the plan's (passed_over_ids) and passed;
--   tallied   counts the meeting for its host and day in the pool (AVL-05);
--   announced writes meeting-booked to the outbox, its key and host fields from the chosen row;
--   noted     notes when the host was last given a meeting (a rule of the fair order);
--   remembered keeps the Idempotency-Key and its answer, the host and their contact for the lead
--             (USR-08) filled in (23505 when in use).
--
-- ranked is materialized so that PostgreSQL cannot push free's checks below the sort, where they
-- would run for every host of the pool: ranked and free are read lazily, only until chosen has its
-- host (passed reads free no further). The counter comes first among the writes: its row lock
-- queues one host-day's bookings before their inserts, so two overlapping inserts never wait on each
-- other's exclusion check; tallied's row of the pool is taken under that lock, so it adds no wait.
with guard as (
    select 1
    where coalesce((select v.version from org_facts_version v where v.org_id = :org_id), 0) = :facts_version
      and not exists (select 1 from host h
                      where h.user_id = :caller_user_id
                        and (h.org_id <> :caller_org_id or h.status = any(cast(:gone_statuses as text[]))))
), ranked as materialized (
    select c.user_id, c.day, c.cap, c.zone, coalesce(d.booked, 0) >= c.cap as full, row_number() over fair as place
    from guard,
         unnest(cast(:host_ids as uuid[]), cast(:host_days as date[]), cast(:host_caps as int[]), cast(:host_zones as text[]),
                cast(:host_weights as int[]), cast(:host_priorities as int[]))
             with ordinality c(user_id, day, cap, zone, weight, priority, pos)
    left join host_day d on d.user_id = c.user_id and d.day = c.day
    left join host_last_booked l on l.user_id = c.user_id
    cross join lateral (select coalesce(sum(p.meetings), 0) as meetings from pool_host_day p
                        where p.meeting_type_id = :meeting_type_id and p.user_id = c.user_id
                          and p.day > c.day - cast(:fair_window_days as int) and p.day <= c.day) w
    window fair as (order by (w.meetings + 1)::float8 / c.weight, c.priority desc, coalesce(d.booked, 0),
                             l.booked_at nulls first, c.pos)
    order by place
), free as (
    select r.*,
           not r.full
           and not exists (select 1 from booking b
                           where b.host_user_id = r.user_id and b.status <> 'CANCELLED'
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
    select :org_id, user_id, day, 1 from chosen
    on conflict (user_id, day) do update set booked = host_day.booked + 1
        where host_day.booked < (select cap from chosen) and host_day.closed_at_version <= :facts_version
    returning 1
), booked as (
    insert into booking (id, org_id, host_user_id, meeting_type_id, meeting_type_name, conferencing_method,
        starts_at, ends_at, blocked_from, blocked_to, host_day, host_time_zone, status, lead_name, lead_email,
        lead_company, lead_locale, lead_time_zone, notes, via_public_page, created_at, manage_token_hash,
        reminder_minutes_before, passed_over_host_ids, passed_over_reasons)
    select :booking_id, :org_id, c.user_id, :meeting_type_id, :meeting_type_name, :conferencing_method,
        :starts_at, :ends_at, :blocked_from, :blocked_to, c.day, c.zone, 'BOOKED', :lead_name, :lead_email,
        :lead_company, :lead_locale, :lead_time_zone, :notes, :via_public_page, :created_at, :manage_token_hash,
        cast(:reminder_minutes_before as integer[]), cast(:passed_over_ids as uuid[]) || p.ids,
        cast(:passed_over_reasons as text[]) || p.reasons
    from counter, chosen c, passed p
    returning 1
), tallied as (
    insert into pool_host_day (meeting_type_id, user_id, day, meetings)
    select :meeting_type_id, c.user_id, c.day, 1 from booked, chosen c
    on conflict (meeting_type_id, user_id, day) do update set meetings = pool_host_day.meetings + 1
    returning 1
), announced as (
    insert into outbox (event_id, topic, event_key, event_type, source, subject, org_id, occurred_at, payload,
        traceparent, tracestate)
    select :event_id, :event_topic, c.user_id::text, :event_type, :event_source, c.user_id::text, :event_org_id,
        :event_occurred_at, cast(:event_payload as jsonb) || jsonb_build_object('hostUserId', c.user_id, 'hostTimeZone', c.zone),
        :event_traceparent, :event_tracestate
    from booked, chosen c
    returning 1
), noted as (
    insert into host_last_booked (user_id, booked_at)
    select c.user_id, :created_at from booked, chosen c
    on conflict (user_id) do update set booked_at = greatest(host_last_booked.booked_at, excluded.booked_at)
    returning 1
), remembered as (
    insert into idempotency_key (org_id, key, request_hash, booking_id, response)
    select :org_id, :idempotency_key, :request_hash, :booking_id,
        replace(replace(:response, :host_placeholder,
                        '"hostUserId":' || to_json(c.user_id)::text || ',"hostTimeZone":' || to_json(c.zone)::text),
                :contact_placeholder, '"hostContact":' || coalesce(to_json(h.contact)::text, 'null'))
    from booked, chosen c left join host h on h.user_id = c.user_id
    where :idempotency_key is not null
    returning response
)
-- whether the guard passed, the host chosen (none: nobody free) and their contact, whether its counter
-- was taken, and the answer kept with the key
select (select count(*) from guard) as guard_passed, c.user_id, c.day, c.zone,
       (select h.contact from host h where h.user_id = c.user_id) as host_contact,
       (select count(*) from counter) as counted, (select response from remembered) as response
from (select 1) one
left join chosen c on true
