-- integration-service, slice 2: Salesforce (per organization) and calendar (per user) connections.

-- A started OAuth authorization of any provider (Zoom's move here from zoom_oauth_state): bound to the
-- organization and the user who started it, single use, short-lived. Only the state's SHA-256 is kept.
create table oauth_state (
    state_hash  text        primary key,
    purpose     text        not null check (purpose in ('ZOOM', 'SALESFORCE', 'GOOGLE', 'MICROSOFT')),
    org_id      uuid        not null,
    user_id     uuid        not null,
    expires_at  timestamptz not null,
    used_at     timestamptz,
    created_at  timestamptz not null default now()
);
create index oauth_state_expires on oauth_state (expires_at);
insert into oauth_state (state_hash, purpose, org_id, user_id, expires_at, used_at, created_at)
    select state_hash, 'ZOOM', org_id, user_id, expires_at, used_at, created_at from zoom_oauth_state
    where expires_at > now();
drop table zoom_oauth_state;

-- A linked provider account: Salesforce for an organization (INT-03), Google or Microsoft calendar for a
-- user (INT-04). Tokens are AES-GCM ciphertexts bound to the row (SecretCipher).
create table oauth_connection (
    id                    uuid        primary key,
    org_id                uuid        not null,
    user_id               uuid,
    provider              text        not null check (provider in ('SALESFORCE', 'GOOGLE', 'MICROSOFT')),
    account_id            text        not null,
    account_email         text        not null,
    -- Salesforce answers the instance every API call goes to with the tokens
    instance_url          text,
    access_token_enc      bytea       not null,
    refresh_token_enc     bytea,
    access_expires_at     timestamptz not null,
    scope                 text,
    relink_required       boolean     not null default false,
    linked_by             uuid        not null,
    linked_at             timestamptz not null,
    updated_at            timestamptz not null default now(),
    last_synced_at        timestamptz,
    last_sync_outcome     text,
    -- the day a scheduled run claimed this connection: with N instances, each connection is synced once a day
    scheduled_sync_on     date,
    constraint oauth_connection_owner check ((provider = 'SALESFORCE') = (user_id is null))
);
-- one Salesforce connection per organization, one calendar per user
create unique index oauth_connection_salesforce on oauth_connection (org_id) where provider = 'SALESFORCE';
create unique index oauth_connection_calendar on oauth_connection (user_id) where user_id is not null;
create index oauth_connection_org on oauth_connection (org_id, provider);
