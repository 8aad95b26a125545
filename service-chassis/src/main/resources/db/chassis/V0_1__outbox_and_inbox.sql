-- Chassis tables every service has. Versions 0.x belong to the chassis; each service's own
-- migrations (db/migration) start at V1.

-- Transactional outbox (EVT-02): a row is written in the same transaction as the change it
-- announces; the relay publishes it to Kafka and marks it sent.
create table outbox (
    id          bigserial    primary key,
    event_id    uuid         not null unique,
    topic       text         not null,
    event_key   text         not null,
    event_type  text         not null,
    source      text         not null,
    subject     text         not null,
    org_id      uuid,
    occurred_at timestamptz  not null,
    payload     jsonb        not null,
    sent_at     timestamptz,
    attempts    integer      not null default 0,
    last_error  text
);
-- The relay's two questions: "what is unsent, oldest first" and "is there an older unsent row for this key".
create index outbox_unsent on outbox (id) where sent_at is null;
create index outbox_unsent_by_key on outbox (event_key, id) where sent_at is null;

-- Idempotent consumer (EVT-02): the handler's changes and this row commit together, so a
-- redelivered event finds its id here and changes nothing.
create table inbox (
    event_id     uuid        primary key,
    event_type   text        not null,
    topic        text        not null,
    kafka_partition integer  not null,
    kafka_offset bigint      not null,
    processed_at timestamptz not null default now()
);
