-- AVL-01: a host's hours for one date, winning over the weekly schedule: other hours (with their
-- breaks and cap) or, when not enabled, a day off. The date is the host's local date (SCH-03).
create table date_override (
    org_id     uuid    not null,
    user_id    uuid    not null,
    day        date    not null,
    enabled    boolean not null,
    start_time time,
    end_time   time,
    daily_cap  integer check (daily_cap >= 1),
    primary key (user_id, day),
    foreign key (org_id, user_id) references host (org_id, user_id),
    check (start_time is null = (end_time is null)),
    check (end_time > start_time),
    check (enabled or daily_cap is null)
);

create table date_override_break (
    org_id     uuid not null,
    user_id    uuid not null,
    day        date not null,
    start_time time not null,
    end_time   time not null,
    check (end_time > start_time),
    foreign key (user_id, day) references date_override (user_id, day) on delete cascade
);
create index date_override_break_by_day on date_override_break (user_id, day);

-- AVL-02: a host's absence, as instants; the zone it was given in is kept to show it back. Nothing
-- is offered or booked inside one, and the meetings inside a new one are handed over or cancelled
-- (MTG-05) after it is written: settled_at stays null until that is done, so a crash in between
-- is picked up again (TimeOffSettlement).
create table time_off (
    id          uuid        primary key,
    org_id      uuid        not null,
    user_id     uuid        not null,
    starts_at   timestamptz not null,
    ends_at     timestamptz not null,
    time_zone   text        not null check (length(time_zone) between 1 and 64),
    note        text        check (length(note) <= 500),
    created_by  uuid,
    created_at  timestamptz not null default now(),
    settled_at  timestamptz,
    check (ends_at > starts_at),
    foreign key (org_id, user_id) references host (org_id, user_id)
);
create index time_off_by_user on time_off (user_id, ends_at);
create index time_off_unsettled on time_off (created_at) where settled_at is null;

-- The organization's facts version (HostFactsCache) changes with every override and absence.
create trigger date_override_facts_version after insert or update or delete on date_override
    for each row execute function org_facts_changed();
create trigger date_override_break_facts_version after insert or update or delete on date_override_break
    for each row execute function org_facts_changed();
create trigger time_off_facts_version after insert or update or delete on time_off
    for each row execute function org_facts_changed();

-- A booking planned under an older facts version than a new absence must not take a counter of a
-- day the absence covers: the absence's transaction writes its version here (locking the rows),
-- and book.sql and move.sql take a counter only where closed_at_version <= the plan's version.
-- A booking whose counter came first is committed before the absence's transaction goes on, so
-- the absence's settlement sees and moves it.
alter table host_day add column closed_at_version bigint not null default 0;
