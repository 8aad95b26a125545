-- INT-10: Kaigi's Slack app installed into an organization's workspace, one workspace per organization. The bot
-- token is an AES-GCM ciphertext bound to the row (SecretCipher). A token Slack stopped accepting
-- (uninstalled there, revoked) marks the installation REVOKED, with Slack's reason, until an OWNER installs again.
create table slack_installation (
    id              uuid        primary key,
    org_id          uuid        not null unique,
    team_id         text        not null,
    team_name       text        not null,
    enterprise_id   text,
    app_id          text,
    bot_user_id     text        not null,
    scope           text        not null,
    bot_token_enc   bytea       not null,
    status          text        not null check (status in ('ACTIVE', 'REVOKED')),
    revoked_reason  text,
    revoked_at      timestamptz,
    installed_by    uuid        not null,
    installed_at    timestamptz not null,
    updated_at      timestamptz not null default now(),
    constraint slack_installation_revoked check ((status = 'REVOKED') = (revoked_at is not null))
);
-- a workspace serves one organization: another organization's uninstall would revoke the bot token they share
create unique index slack_installation_workspace on slack_installation (team_id) where status = 'ACTIVE';

-- the Slack install is started and completed through the same single-use states as the other providers
alter table oauth_state drop constraint oauth_state_purpose_check;
alter table oauth_state add constraint oauth_state_purpose_check
    check (purpose in ('ZOOM', 'SALESFORCE', 'GOOGLE', 'MICROSOFT', 'SLACK'));
