-- SEC-04: the leads an OWNER erased, by the hash of their email only (LeadErased.hashOf): the
-- organization can show that and when a lead was erased without keeping the address it forgot.
create table lead_erasure (
    id              uuid        primary key,
    org_id          uuid        not null references organization (id),
    lead_email_hash text        not null check (lead_email_hash ~ '^[0-9a-f]{64}$'),
    erased_at       timestamptz not null,
    by_user_id      uuid        not null
);
create index lead_erasure_by_org on lead_erasure (org_id, erased_at desc, id);
