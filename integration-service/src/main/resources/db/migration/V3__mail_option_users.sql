-- integration-service, slice 2: mail-option users (INT-06...09).

-- The read model learns the role (INT-08 counts an organization's admins) and when a deactivated user was
-- activated again (INT-09: "latest backup" waits until they saved their mail settings after that).
alter table user_profile add column role text check (role in ('OWNER', 'MANAGER', 'MEMBER', 'RESTRICTED'));
alter table user_profile add column reactivated_at timestamptz;

-- A user's mail option: the mailbox connected to Kaigi and whom its mail is shared with. A row exists once the
-- user (or an admin for them) saved the settings; such users are the organization's mail-option users.
create table mail_option_setting (
    user_id         uuid        primary key,
    org_id          uuid        not null,
    mailbox_type    text        not null check (mailbox_type in ('IMAP', 'POP', 'EXCHANGE')),
    mailbox_email   text        not null,
    sharing         text        not null check (sharing in ('SHARE_ALL', 'DONT_SHARE')),
    -- INT-08: a locked user cannot change sharing or mailbox; "don't share" cannot be locked
    locked          boolean     not null default false,
    locked_by       uuid,
    locked_at       timestamptz,
    -- INT-09: when the user themself last saved the settings
    user_saved_at   timestamptz,
    updated_by      uuid        not null,
    updated_at      timestamptz not null default now(),
    constraint mail_option_lock_needs_sharing check (not locked or sharing <> 'DONT_SHARE')
);
create index mail_option_setting_org on mail_option_setting (org_id, user_id);

-- Mailbox backups (INT-07, INT-09): IN_PROGRESS until the copy is done, then COMPLETED. One running backup
-- per user at a time.
create table mailbox_backup (
    id            uuid        primary key,
    org_id        uuid        not null,
    user_id       uuid        not null,
    kind          text        not null check (kind in ('BACKUP', 'LATEST')),
    status        text        not null check (status in ('IN_PROGRESS', 'COMPLETED')),
    mailbox_email text        not null,
    requested_by  uuid        not null,
    requested_at  timestamptz not null default now(),
    completed_at  timestamptz,
    constraint mailbox_backup_completed check ((status = 'COMPLETED') = (completed_at is not null))
);
create unique index mailbox_backup_running on mailbox_backup (user_id) where status = 'IN_PROGRESS';
create index mailbox_backup_user on mailbox_backup (user_id, requested_at desc);
create index mailbox_backup_in_progress on mailbox_backup (requested_at) where status = 'IN_PROGRESS';
