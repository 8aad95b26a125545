-- SEC-04: the leads an OWNER had erased, named by the hash of their email (LeadErased.hashOf) as the event names them.
-- The erasure scrubs the bookings made before erased_at; the row stays, so the erasure is applied once per erasure_id
-- however often its event is read again, and a lead's export shows that they were erased.
create table lead_erasure (
    erasure_id uuid        primary key,
    org_id     uuid        not null,
    email_hash text        not null check (email_hash ~ '^[0-9a-f]{64}$'),
    erased_at  timestamptz not null,
    by_user_id uuid        not null,
    applied_at timestamptz not null default now()
);
create index lead_erasure_by_lead on lead_erasure (org_id, email_hash, erased_at);
