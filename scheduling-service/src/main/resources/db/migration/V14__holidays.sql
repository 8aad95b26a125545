-- AVL-03: the holiday calendar an organization chose (an id of HolidayCalendars, such as JP; null or no row: none)
-- and the days it closes besides, each one date for the whole organization. Eligibility reads both
-- (ClosedDays.QUERY) with the host facts it keeps under the organization's facts version, so both bump it.
create table org_holiday_calendar (
    org_id   uuid primary key,
    calendar text null check (calendar ~ '^[A-Z][A-Z0-9_-]{0,31}$')
);

create table org_closed_day (
    org_id uuid not null,
    day    date not null,
    name   text not null check (btrim(name) <> '' and char_length(name) <= 100),
    primary key (org_id, day)
);

create trigger org_holiday_calendar_facts_version after insert or update or delete on org_holiday_calendar
    for each row execute function org_facts_changed();
create trigger org_closed_day_facts_version after insert or update or delete on org_closed_day
    for each row execute function org_facts_changed();
