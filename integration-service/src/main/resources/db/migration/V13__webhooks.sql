-- HOOK-01: an organization's partner webhook subscriptions. The signing secret is kept encrypted (crypto.SecretCipher);
-- after a rotation the previous secret signs too until previous_secret_expires_at (HOOK-02).
create table webhook_subscription (
    id                         uuid        primary key,
    org_id                     uuid        not null,
    url                        text        not null,
    event_types                text[]      not null,
    description                text,
    enabled                    boolean     not null,
    -- why the service switched it off: GONE (the endpoint answered 410) or FAILING (failing for too long, HOOK-03)
    disabled_reason            text        check (disabled_reason in ('GONE', 'FAILING')),
    secret                     bytea       not null,
    previous_secret            bytea,
    previous_secret_expires_at timestamptz,
    -- the first failed attempt since the last delivered one
    failing_since              timestamptz,
    created_at                 timestamptz not null default now(),
    updated_at                 timestamptz not null default now()
);
create index webhook_subscription_org on webhook_subscription (org_id);

-- HOOK-03: one event for one subscription. Its id is the webhook-id of every attempt. serial keeps the order the
-- events were heard in; subject_order (a booking's SEQUENCE, else 0) comes first among one subject's (HOOK-04).
create table webhook_delivery (
    id              uuid        primary key,
    serial          bigserial   not null,
    subscription_id uuid        not null references webhook_subscription (id) on delete cascade,
    org_id          uuid        not null,
    event_id        uuid        not null,
    event_type      text        not null,
    subject_id      uuid        not null,
    subject_order   bigint      not null,
    payload         text        not null,
    status          text        not null check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null default now(),
    -- an instance is sending it until then; a crashed instance's delivery is taken again after it
    leased_until    timestamptz,
    -- the next attempt was asked for by hand: one attempt, no retries after it
    by_hand         boolean     not null default false,
    created_at      timestamptz not null default now(),
    last_attempt_at timestamptz,
    last_status     int,
    delivered_at    timestamptz,
    constraint webhook_delivery_once unique (subscription_id, event_id)
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_subject on webhook_delivery (subscription_id, subject_id, subject_order, serial)
    where status = 'PENDING';
create index webhook_delivery_log on webhook_delivery (subscription_id, serial desc);

-- every attempt of a delivery, as its owner reads it in the delivery log
create table webhook_attempt (
    delivery_id      uuid        not null references webhook_delivery (id) on delete cascade,
    attempt          int         not null,
    started_at       timestamptz not null,
    latency_ms       int         not null,
    status_code      int,
    error            text,
    response_excerpt text,
    by_hand          boolean     not null,
    primary key (delivery_id, attempt)
);
