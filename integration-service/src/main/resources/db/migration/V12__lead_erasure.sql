-- SEC-04: the leads an OWNER had erased, named by the hash of their email (LeadErased.hashOf) as the event names them.
-- A booking's event from before erased_at that arrives later (a replay, a restored database, a slow partition) is
-- applied in its erased form, and the erasure itself is applied and audited once per erasure_id.
create table lead_erasure (
    erasure_id uuid        primary key,
    org_id     uuid        not null,
    email_hash text        not null check (email_hash ~ '^[0-9a-f]{64}$'),
    erased_at  timestamptz not null,
    by_user_id uuid        not null,
    applied_at timestamptz not null default now()
);
create index lead_erasure_by_lead on lead_erasure (org_id, email_hash, erased_at);

-- When the booking's first event was written: a booking made after an erasure is the lead's new consent, which an
-- erasure read again must leave alone. Null for bookings known before this column, all made before any erasure.
alter table booking_sequence add column booked_at timestamptz;
