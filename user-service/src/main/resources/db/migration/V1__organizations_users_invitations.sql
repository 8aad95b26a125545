-- user-service: organizations, their users and invitations.

create table organization (
    id                  uuid        primary key,
    name                text        not null check (length(name) between 1 and 200),
    time_zone           text        not null,
    -- ORG-02: exactly one super admin per organization, by construction (one column)
    super_admin_user_id uuid        not null,
    created_at          timestamptz not null default now(),
    version             bigint      not null default 0
);

create table permission_profile (
    id         uuid        primary key,
    org_id     uuid        not null references organization (id),
    name       text        not null check (length(name) between 1 and 100),
    user_type  text        not null check (user_type in ('REGULAR', 'TEAM')),
    system     boolean     not null default false,
    created_at timestamptz not null default now(),
    unique (org_id, name)
);

create table app_user (
    id                        uuid        primary key,
    org_id                    uuid        not null references organization (id),
    email                     text        not null check (length(email) between 3 and 254),
    email_key                 text        not null, -- lower(email): addresses compare case-insensitively
    last_name                 text        not null check (length(last_name) between 1 and 100),
    first_name                text        check (length(first_name) <= 100),
    role                      text        not null check (role in ('OWNER', 'MANAGER', 'MEMBER', 'RESTRICTED')),
    user_type                 text        not null check (user_type in ('REGULAR', 'TEAM')),
    status                    text        not null check (status in ('INVITED', 'ACTIVE', 'DEACTIVATED', 'DELETED')),
    permission_profile_id     uuid        not null references permission_profile (id),
    contact                   text,
    slack_member_id           text,
    email_signature           text,
    zoom_personal_meeting_url text,
    phone                     text,
    mobile                    text,
    fax                       text,
    website                   text,
    address                   text,
    other_info                text,
    created_at                timestamptz not null default now(),
    deleted_at                timestamptz,
    version                   bigint      not null default 0
);
-- USR-01 + ORG-05: an address belongs to one live user, hence one organization, at a time.
-- Deleted users do not hold it, so the address can be added again as a new user (LIF-02).
create unique index app_user_live_email on app_user (email_key) where status <> 'DELETED';
create index app_user_by_org on app_user (org_id, created_at, id);

alter table organization add constraint super_admin_fk
    foreign key (super_admin_user_id) references app_user (id) deferrable initially deferred;

-- INV-01…03: one-time invitation links; only a hash of the token is stored.
create table invitation (
    id          uuid        primary key,
    org_id      uuid        not null references organization (id),
    user_id     uuid        not null references app_user (id),
    token_hash  text        not null unique,
    status      text        not null check (status in ('PENDING', 'ACCEPTED', 'DECLINED', 'VOIDED')),
    expires_at  timestamptz not null,
    created_at  timestamptz not null default now()
);
create index invitation_by_user on invitation (user_id, created_at);
-- at most one live link per user: a resend voids the old one (INV-03)
create unique index invitation_one_pending on invitation (user_id) where status = 'PENDING';
