-- An effect about to be asked of a provider, committed before the call. A retried event that finds one knows the
-- provider may have done it already (a crash, or an answer lost, between the call and the effect's record) and asks
-- the provider before doing it again, where the provider can tell (a Zoom meeting carries the step's marker, a
-- calendar event the step's id). Removed in the transaction that records the effect in side_effect.
create table side_effect_intent (
    subject_id uuid        not null,
    sequence   int         not null,
    kind       text        not null,
    org_id     uuid        not null,
    attempts   int         not null default 1,
    started_at timestamptz not null default now(),
    primary key (subject_id, sequence, kind)
);

-- The organization's OWNERs are mailed once about the effects of a step that a provider refused for good.
alter table side_effect drop constraint side_effect_kind_check;
alter table side_effect add constraint side_effect_kind_check check (kind in (
    'ZOOM_MEETING', 'ZOOM_UPDATE', 'ZOOM_DELETE', 'CALENDAR_EVENT', 'CALENDAR_UPDATE', 'CALENDAR_DELETE',
    'HOST_MAIL', 'PREVIOUS_HOST_MAIL', 'LEAD_MAIL', 'SLACK_MENTION', 'INVITATION_MAIL', 'ADMIN_ALERT'));
