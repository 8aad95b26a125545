-- Idempotency-Key of the services' create requests (issue 7): the first answer to a key, replayed
-- to every retry of the same request. The row is written in the transaction of the creation, so a
-- creation that failed leaves no key behind, and a concurrent twin waits on the primary key until
-- the first one has committed (then replays it) or rolled back (then creates).
create table idempotency_record (
    scope        text        not null, -- the caller's organization, or the client without one
    key          text        not null check (length(key) between 1 and 100),
    request_hash text        not null, -- method, path and body: another request under the key is refused
    status       integer     not null,
    location     text,
    etag         text,
    body         text,
    created_at   timestamptz not null default now(),
    primary key (scope, key)
);
create index idempotency_record_by_age on idempotency_record (created_at);
