-- A booking's later events (rescheduled, reassigned, cancelled) have side effects of their own: each event's
-- effects are keyed by the booking's SEQUENCE at that event (0 when booked), so a booking moved twice has two
-- sets of records, and a redelivered event finds its own. The user whose Zoom account or calendar holds a
-- created meeting or event is kept with it, so a later event deletes or moves it in the right account.
alter table side_effect add column sequence int not null default 0;
alter table side_effect add column account_user_id uuid;
alter table side_effect drop constraint side_effect_pkey;
alter table side_effect add primary key (subject_id, sequence, kind);
alter table side_effect drop constraint side_effect_kind_check;
alter table side_effect add constraint side_effect_kind_check check (kind in (
    'ZOOM_MEETING', 'ZOOM_UPDATE', 'ZOOM_DELETE', 'CALENDAR_EVENT', 'CALENDAR_UPDATE', 'CALENDAR_DELETE',
    'HOST_MAIL', 'PREVIOUS_HOST_MAIL', 'LEAD_MAIL', 'SLACK_MENTION', 'INVITATION_MAIL'));

-- The highest SEQUENCE applied per booking. Events are keyed by host, so a reassignment's events can overtake
-- the old host's earlier ones: an event whose sequence is not above this one is stale and changes nothing.
-- The host is the booking's as of that event: they may read the booking's side effects.
create table booking_sequence (
    booking_id   uuid        primary key,
    org_id       uuid        not null,
    host_user_id uuid        not null,
    sequence     int         not null,
    applied_at timestamptz not null default now()
);

-- The calendar events Kaigi wrote for bookings, with their current time: the busy-time sync leaves them out,
-- so a host's own meeting never blocks moving it; a later event of the booking moves or deletes it through the
-- link it was written with (gone with the link).
create table booked_calendar_event (
    connection_id uuid        not null references oauth_connection (id) on delete cascade,
    event_id      text        not null,
    booking_id    uuid        not null,
    starts_at     timestamptz not null,
    ends_at       timestamptz not null,
    primary key (connection_id, event_id)
);
