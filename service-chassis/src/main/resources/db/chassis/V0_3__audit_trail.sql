-- Audit trail (SEC-02): every administrative change, written in the transaction of the change; who
-- made it (a user, or the client of a partner integration or service), what, to whom or which record,
-- the changed values before and after, and when. user-service keeps its own audit_event table, of the
-- same shape, so this one stays empty there.
create table audit_trail (
    seq             bigserial,  -- orders the changes of one moment as they were made
    id              uuid        primary key,
    org_id          uuid        not null,
    actor_user_id   uuid,
    actor_client_id text        check (length(actor_client_id) <= 255),
    action          text        not null check (action ~ '^[A-Z][A-Z0-9_]{0,63}$'),
    target_user_id  uuid,
    target_id       uuid,
    before          jsonb,
    after           jsonb,
    occurred_at     timestamptz not null
);
create index audit_trail_by_org on audit_trail (org_id, occurred_at desc, seq desc);
create index audit_trail_by_target_user on audit_trail (org_id, target_user_id, occurred_at desc) where target_user_id is not null;
create index audit_trail_by_target on audit_trail (org_id, target_id, occurred_at desc) where target_id is not null;
