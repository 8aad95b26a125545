-- What the test handler applies: one row per application, so a duplicate would show as two rows.
create table applied_event (
    id         bigserial primary key,
    event_id   uuid not null,
    user_id    uuid not null,
    applied_at timestamptz not null default now()
);

-- A business table for the rollback test.
create table note (
    id   uuid primary key,
    text text not null
);

-- What the test subscriber of a consumer of its own (MirrorConsumer) applies.
create table mirrored_event (
    id       bigserial primary key,
    event_id uuid not null,
    user_id  uuid not null
);
