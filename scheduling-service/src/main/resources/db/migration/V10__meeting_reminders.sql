-- Reminders (MTG-07): a meeting type names when its leads are reminded, in minutes before the meeting starts;
-- a booking keeps the reminders of its type as it was booked, as it keeps the type's name, so a lead is reminded
-- as promised in their confirmation. The booking events carry them to integration-service, which sends them.
alter table meeting_type add column reminder_minutes_before integer[] not null default '{}'
    check (cardinality(reminder_minutes_before) <= 5);
alter table booking add column reminder_minutes_before integer[] not null default '{}';
