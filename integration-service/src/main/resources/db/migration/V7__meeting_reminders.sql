-- The reminders of booked meetings (MTG-07), one row per booking, offset and start. A booking's latest step (booked,
-- rescheduled, reassigned) plans them in its event's transaction: a moved meeting gets new rows at its new start
-- and loses the ones not sent at the old; a cancellation deletes those not sent. Sent ones stay as the booking's
-- record. Instances claim due rows with FOR UPDATE SKIP LOCKED and mark them in the transaction that holds the
-- claim, so each is mailed once.
--   meeting   the step as the event told it and the join link then (what the mail shows)
--   outcome   null while planned; SENT, SKIPPED (due before it was planned, or the meeting had begun) or FAILED
create table meeting_reminder (
    booking_id     uuid        not null,
    minutes_before integer     not null check (minutes_before > 0),
    org_id         uuid        not null,
    starts_at      timestamptz not null,
    due_at         timestamptz not null,
    meeting        jsonb       not null,
    outcome        text        check (outcome in ('SENT', 'SKIPPED', 'FAILED')),
    detail         text,
    done_at        timestamptz,
    primary key (booking_id, minutes_before, starts_at)
);
create index meeting_reminder_due on meeting_reminder (due_at) where outcome is null;
