-- scheduling-service, phase A: organizations and hosts as user-service and integration-service
-- announce them, work schedules (SCH-01, SCH-02, SCH-04 cap, SCH-05), meeting types (SCH-06).

-- Exclusion constraints over uuid/text columns (breaks here; bookings per host in phase B).
create extension if not exists btree_gist;

-- What this service knows of an organization (from organization-created and integration events).
create table organization (
    org_id                  uuid        primary key,
    -- SCH-05: the zone of system-default schedules; null until organization-created arrives
    time_zone               text,
    -- SCH-04: when Salesforce counts were last read; null = never synced
    opportunities_synced_at timestamptz,
    updated_at              timestamptz not null default now()
);

-- Host read model: one row per user of an organization, kept by idempotent consumers of
-- kaigi.user.v1 and kaigi.integration.v1. A row can exist before user-service spoke of the user
-- (an integration event came first, other topic): then status is null and the user is no host.
create table host (
    user_id                   uuid        primary key,
    org_id                    uuid        not null,
    email                     text,
    email_key                 text,       -- lower(email): Salesforce owners match by address (SCH-04)
    role                      text        check (role in ('OWNER', 'MANAGER', 'MEMBER', 'RESTRICTED')),
    user_type                 text        check (user_type in ('REGULAR', 'TEAM')),
    -- REMOVED: removed from the organization or declined the invitation (no longer a member)
    status                    text        check (status in ('INVITED', 'ACTIVE', 'DEACTIVATED', 'DELETED', 'REMOVED')),
    zoom_personal_url_present boolean     not null default false,
    zoom_linked               boolean     not null default false,
    calendar_provider         text        check (calendar_provider in ('GOOGLE', 'MICROSOFT')),
    calendar_linked           boolean     not null default false,
    -- LIF-02: who took over a deleted user's pools (and, in phase B, future meetings)
    transferred_to_user_id    uuid,
    updated_at                timestamptz not null default now(),
    unique (org_id, user_id),
    check (calendar_linked = (calendar_provider is not null))
);
create index host_by_org_email on host (org_id, email_key);

-- SCH-04: open Salesforce opportunities per owner address, as last synced for the organization.
-- The synced list is complete, so it replaces the organization's rows; a host without a row has 0.
create table opportunity_count (
    org_id             uuid    not null references organization (org_id),
    email_key          text    not null,
    open_opportunities integer not null check (open_opportunities >= 0),
    primary key (org_id, email_key)
);

-- SCH-07 (phase B): calendar busy times; they block a slot but never count toward caps (SCH-03).
create table busy_time (
    id       bigserial   primary key,
    org_id   uuid        not null,
    user_id  uuid        not null,
    start_at timestamptz not null,
    end_at   timestamptz not null,
    check (end_at > start_at),
    foreign key (org_id, user_id) references host (org_id, user_id)
);
create index busy_time_by_user on busy_time (user_id, start_at);

-- SCH-01, SCH-02, SCH-04, SCH-05: a user's schedule (user_id set) or the organization's default
-- schedule (user_id null, at most one per organization).
create table work_schedule (
    id               uuid        primary key,
    org_id           uuid        not null,
    user_id          uuid        unique,
    time_zone        text        not null check (length(time_zone) between 1 and 64),
    opportunity_cap  integer     check (opportunity_cap >= 1),
    -- the zone was guessed (Asia/Tokyo) before organization-created told us the organization's
    zone_provisional boolean     not null default false,
    updated_at       timestamptz not null default now(),
    version          bigint      not null default 0,
    foreign key (org_id, user_id) references host (org_id, user_id)
);
create unique index work_schedule_one_default on work_schedule (org_id) where user_id is null;

-- One row per weekday (ISO names) of a schedule. A disabled day may keep a window but never a cap (SCH-02).
create table work_day (
    schedule_id uuid    not null references work_schedule (id) on delete cascade,
    weekday     text    not null check (weekday in ('MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY')),
    enabled     boolean not null,
    start_time  time,
    end_time    time,
    daily_cap   integer check (daily_cap >= 1),
    primary key (schedule_id, weekday),
    check ((start_time is null) = (end_time is null)),
    check (end_time > start_time),
    check (not enabled or start_time is not null),
    check (enabled or daily_cap is null)
);

-- Breaks of a weekday (SCH-01): never overlapping each other. "Inside the window" spans two tables
-- and is checked by ScheduleRules.
create table work_break (
    schedule_id uuid not null references work_schedule (id) on delete cascade,
    weekday     text not null check (weekday in ('MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY')),
    start_time  time not null,
    end_time    time not null,
    check (end_time > start_time),
    exclude using gist (schedule_id with =, weekday with =,
                        tsrange(date '2000-01-03' + start_time, date '2000-01-03' + end_time) with &&)
);

-- SCH-06: meeting types and their host pools.
create table meeting_type (
    id                     uuid        primary key,
    org_id                 uuid        not null,
    name                   text        not null check (length(name) between 1 and 100),
    duration_minutes       integer     not null check (duration_minutes between 5 and 480),
    conferencing_method    text        not null check (conferencing_method in ('ZOOM', 'GOOGLE_MEET', 'TEAMS', 'PHONE', 'IN_PERSON')),
    slot_step_minutes      integer     not null check (slot_step_minutes in (15, 30, 60)),
    minimum_notice_minutes integer     not null check (minimum_notice_minutes between 0 and 43200),
    booking_horizon_days   integer     not null check (booking_horizon_days between 1 and 365),
    buffer_before_minutes  integer     not null check (buffer_before_minutes between 0 and 240),
    buffer_after_minutes   integer     not null check (buffer_after_minutes between 0 and 240),
    -- the id public booking pages use (issue 5 item 9): random, unguessable, never the row id
    public_booking_id      text        not null unique check (length(public_booking_id) >= 22),
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now(),
    version                bigint      not null default 0,
    unique (org_id, id),
    unique (org_id, name)
);
create index meeting_type_by_org on meeting_type (org_id, created_at, id);

-- A meeting type's candidate hosts, in order; only hosts of the same organization (composite keys).
create table meeting_type_host (
    org_id          uuid    not null,
    meeting_type_id uuid    not null,
    user_id         uuid    not null,
    position        integer not null check (position >= 0),
    primary key (meeting_type_id, user_id),
    unique (meeting_type_id, position),
    foreign key (org_id, meeting_type_id) references meeting_type (org_id, id) on delete cascade,
    foreign key (org_id, user_id) references host (org_id, user_id)
);
create index meeting_type_host_by_user on meeting_type_host (user_id);
