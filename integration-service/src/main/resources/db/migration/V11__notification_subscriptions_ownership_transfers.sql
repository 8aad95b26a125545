-- LIF-05: a user asks to be told of the organization's bookings, of one meeting type or of all (null), by mail or
-- in Slack. One subscription per user, meeting type (or all) and channel: "all" counts once too, so nulls are equal.
create table notification_subscription (
    id               uuid        primary key,
    org_id           uuid        not null,
    user_id          uuid        not null,
    meeting_type_id  uuid,
    channel          text        not null check (channel in ('MAIL', 'SLACK')),
    created_at       timestamptz not null default now(),
    constraint notification_subscription_once unique nulls not distinct (user_id, meeting_type_id, channel)
);
-- who is told of a booking: the subscribers of its organization and meeting type, or of all its meeting types
create index notification_subscription_subscribers on notification_subscription (org_id, meeting_type_id);

-- each subscriber's notice of a booking's step is a side effect of its own, once per step and subscriber
alter table side_effect drop constraint side_effect_kind_check;
alter table side_effect add constraint side_effect_kind_check check (kind in (
    'ZOOM_MEETING', 'ZOOM_UPDATE', 'ZOOM_DELETE', 'CALENDAR_EVENT', 'CALENDAR_UPDATE', 'CALENDAR_DELETE',
    'HOST_MAIL', 'PREVIOUS_HOST_MAIL', 'LEAD_MAIL', 'SLACK_MENTION', 'INVITATION_MAIL', 'ADMIN_ALERT',
    'SUBSCRIBER_MAIL', 'SUBSCRIBER_SLACK'));

-- LIF-05: the open opportunities of a deleted user handed in Salesforce to their heir, one row per deletion. What a
-- batch moved is counted as soon as Salesforce did it (IN_PROGRESS until the run ends); a run that finds nothing
-- left (a redelivery) adds nothing to what the first moved.
create table salesforce_ownership_transfer (
    id               uuid        primary key,
    org_id           uuid        not null,
    deleted_user_id  uuid        not null unique,
    heir_user_id     uuid        not null,
    status           text        not null check (status in ('IN_PROGRESS', 'COMPLETED', 'PARTIAL', 'NOTHING_TO_MOVE',
                                                             'HEIR_NOT_IN_SALESFORCE', 'RELINK_REQUIRED', 'REFUSED')),
    moved            integer     not null check (moved >= 0),
    -- the opportunities Salesforce did not move: [{"id", "errors": [{"statusCode", "message", "fields"}]}]
    failed           jsonb       not null default '[]',
    detail           text,
    transferred_at   timestamptz not null
);
create index salesforce_ownership_transfer_org on salesforce_ownership_transfer (org_id, transferred_at desc);
