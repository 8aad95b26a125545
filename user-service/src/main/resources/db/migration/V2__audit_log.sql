-- Audit log: every administrative change, who made it, when, and the values before and after.
create table audit_event (
    id             uuid        primary key,
    org_id         uuid        not null references organization (id),
    actor_user_id  uuid,       -- null when the system acted (e.g. licensing took team licences away)
    action         text        not null,
    target_user_id uuid,
    before         jsonb,
    after          jsonb,
    occurred_at    timestamptz not null default now()
);
create index audit_event_by_org on audit_event (org_id, occurred_at desc, id);
create index audit_event_by_target on audit_event (org_id, target_user_id, occurred_at desc);
