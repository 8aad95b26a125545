-- integration-service, slice 1: the user read model, Zoom connections and the side effects of bookings.

-- Organizations as user-service announced them (names go into mails).
create table organization (
    org_id     uuid        primary key,
    name       text        not null,
    time_zone  text        not null,
    updated_at timestamptz not null default now()
);

-- Read model of users from kaigi.user.v1: what mails, Slack mentions and Zoom meetings need.
-- A row never moves to another organization; DELETED and REMOVED are final.
create table user_profile (
    user_id                   uuid        primary key,
    org_id                    uuid        not null,
    email                     text,
    last_name                 text,
    first_name                text,
    user_type                 text,
    slack_member_id           text,
    zoom_personal_meeting_url text,
    email_signature           text,
    status                    text        check (status in ('INVITED', 'ACTIVE', 'DEACTIVATED', 'DELETED', 'REMOVED', 'DECLINED')),
    locale                    text,
    updated_at                timestamptz not null default now()
);
create index user_profile_org on user_profile (org_id);

-- A user's linked Zoom account (INT-01). The Zoom user id is unique: one Zoom account can never be
-- linked to two users, however many requests race. Tokens are AES-GCM ciphertexts (SecretCipher).
create table zoom_connection (
    user_id               uuid        primary key,
    org_id                uuid        not null,
    zoom_user_id          text        not null,
    zoom_email            text        not null,
    access_token_enc      bytea       not null,
    refresh_token_enc     bytea       not null,
    access_expires_at     timestamptz not null,
    scope                 text,
    relink_required       boolean     not null default false,
    linked_at             timestamptz not null,
    updated_at            timestamptz not null default now(),
    constraint zoom_connection_account_unique unique (zoom_user_id)
);
create index zoom_connection_org on zoom_connection (org_id);

-- OAuth state of a started Zoom authorization: bound to the user, single use, short-lived.
create table zoom_oauth_state (
    state_hash  text        primary key,
    user_id     uuid        not null,
    org_id      uuid        not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    created_at  timestamptz not null default now()
);
create index zoom_oauth_state_user on zoom_oauth_state (user_id);

-- One row per side effect done for a subject (a booking, an invitation): a redelivered event or a
-- retry after a partial failure skips what is recorded here. Written in its own transaction right
-- after the provider answered, so the record survives the rollback of the event's transaction.
create table side_effect (
    subject_id   uuid        not null,
    kind         text        not null check (kind in ('ZOOM_MEETING', 'HOST_MAIL', 'LEAD_MAIL', 'SLACK_MENTION',
                                                       'CALENDAR_EVENT', 'INVITATION_MAIL')),
    org_id       uuid        not null,
    outcome      text        not null check (outcome in ('DONE', 'SKIPPED', 'FAILED')),
    result       text,
    detail       text,
    completed_at timestamptz not null default now(),
    primary key (subject_id, kind)
);
