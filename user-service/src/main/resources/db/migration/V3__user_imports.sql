-- BLK-01…04: CSV imports of users, their progress and what happened to each row that was not imported.

create table user_import (
    id                 uuid        primary key,
    org_id             uuid        not null references organization (id),
    created_by         uuid        not null references app_user (id),
    file_name          text        check (length(file_name) <= 255),
    mode               text        not null check (mode in ('ADD', 'UPSERT')),
    skip_duplicates_by text        check (skip_duplicates_by in ('EMAIL', 'USER_ID')),
    locale             text        not null check (locale in ('ja', 'en')),
    encoding           text        not null,
    -- the decoded file, kept only until the import has finished, so a restarted service resumes it
    content            text,
    status             text        not null check (status in ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
    total_rows         integer     not null check (total_rows > 0),
    processed_rows     integer     not null default 0,
    added              integer     not null default 0,
    updated            integer     not null default 0,
    skipped            integer     not null default 0,
    failed             integer     not null default 0,
    failure_code       text,
    created_at         timestamptz not null default now(),
    started_at         timestamptz,
    finished_at        timestamptz,
    version            bigint      not null default 0,
    constraint progress_within_total check (processed_rows between 0 and total_rows),
    constraint outcomes_add_up check (added + updated + skipped + failed = processed_rows)
);
create index user_import_by_org on user_import (org_id, created_at desc, id);
create index user_import_unfinished on user_import (created_at) where status in ('QUEUED', 'RUNNING');

-- BLK-02: per skipped or failed row, its number and the reason
create table user_import_issue (
    import_id  uuid    not null references user_import (id) on delete cascade,
    row_number integer not null,
    outcome    text    not null check (outcome in ('SKIPPED', 'FAILED')),
    reason     text    not null,
    field      text,
    email      text,
    primary key (import_id, row_number)
);
