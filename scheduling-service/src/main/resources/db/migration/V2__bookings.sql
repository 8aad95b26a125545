-- scheduling-service, phase B: bookings (SCH-08), host-day counters (SCH-03), idempotency keys.

-- SCH-08: a booked meeting. The meeting type's name and method are copied, so a booking keeps
-- them when the type is renamed or deleted (no foreign key to meeting_type on purpose).
create table booking (
    id                  uuid        primary key,
    org_id              uuid        not null,
    host_user_id        uuid        not null,
    meeting_type_id     uuid        not null,
    meeting_type_name   text        not null,
    conferencing_method text        not null check (conferencing_method in ('ZOOM', 'GOOGLE_MEET', 'TEAMS', 'PHONE', 'IN_PERSON')),
    starts_at           timestamptz not null,
    ends_at             timestamptz not null,
    -- the meeting with the type's buffers before and after: what no other meeting of the host may touch
    blocked_from        timestamptz not null,
    blocked_to          timestamptz not null,
    -- SCH-03: the host_day row this booking counts on (the start's date in the host's zone)
    host_day            date        not null,
    host_time_zone      text        not null,
    status              text        not null check (status in ('BOOKED', 'CANCELLED')),
    lead_name           text        not null check (length(lead_name) between 1 and 200),
    lead_email          text        not null check (length(lead_email) between 3 and 254),
    lead_company        text        check (length(lead_company) <= 200),
    lead_locale         text        not null check (lead_locale in ('en', 'ja')),
    notes               text        check (length(notes) <= 2000),
    -- booked through a public booking page (a lead) rather than by a signed-in user
    via_public_page     boolean     not null,
    created_at          timestamptz not null default now(),
    cancelled_at        timestamptz,
    cancel_reason       text        check (length(cancel_reason) <= 500),
    unique (org_id, id),
    check (ends_at > starts_at),
    check (blocked_from <= starts_at and blocked_to >= ends_at),
    check ((status = 'CANCELLED') = (cancelled_at is not null)),
    foreign key (org_id, host_user_id) references host (org_id, user_id),
    -- SCH-08: never double-booked, however many bookings race (the losers get SQLSTATE 23P01)
    constraint booking_no_overlap exclude using gist (host_user_id with =, tstzrange(blocked_from, blocked_to) with &&)
        where (status = 'BOOKED')
);
create index booking_by_org on booking (org_id, starts_at, id);
create index booking_by_host on booking (host_user_id, starts_at);
create index booking_by_host_created on booking (host_user_id, created_at);

-- SCH-03: Kaigi bookings per host and local day (calendar busy times never count). The booking
-- transaction takes one with "update ... set booked = booked + 1 where booked < cap", which is
-- what keeps caps under any number of concurrent bookings.
create table host_day (
    org_id  uuid    not null,
    user_id uuid    not null,
    day     date    not null,
    booked  integer not null default 0 check (booked >= 0),
    primary key (user_id, day),
    foreign key (org_id, user_id) references host (org_id, user_id)
);

-- Idempotency-Key of POST /bookings (and the public page's): the first successful answer, replayed.
create table idempotency_key (
    org_id       uuid        not null,
    key          text        not null check (length(key) between 1 and 100),
    request_hash text        not null,
    booking_id   uuid        not null,
    response     text        not null,
    created_at   timestamptz not null default now(),
    primary key (org_id, key)
);
create index idempotency_key_by_age on idempotency_key (created_at);
