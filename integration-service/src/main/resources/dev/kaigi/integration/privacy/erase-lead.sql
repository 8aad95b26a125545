-- SEC-04: integration-service forgets a lead in what it learnt from the bookings made before the erasure, and in the
-- mail copied from mailboxes. One statement, so every part sees the bookings as they were before it:
--   erased     the bookings' copies lose the address (and with it the lead's place in mailbox backups to come)
--   reminders  the planned reminders' meeting loses the person; those not sent are never sent
--   effects    a mail record whose detail (a refusal) repeats the address keeps only that it was erased
--   webhooks   the partner webhook deliveries about the lead's meetings name no one, in their log and when sent again
--   messages   the backed-up messages exchanged with the lead go, unless copied after the erasure for a newer booking
-- A booking made after the erasure (a new consent) is left alone, so reading the erasure again changes nothing.
with erased as (
    select booking_id, lead_email from booking_sequence
    where org_id = :org_id
      and (booked_at is null or booked_at <= :erased_at)
      and lead_email is not null
      and encode(sha256(convert_to(lower(trim(lead_email)), 'UTF8')), 'hex') = :email_hash
), copies as (
    update booking_sequence s set lead_email = null from erased e where s.booking_id = e.booking_id
    returning s.booking_id
), reminders as (
    update meeting_reminder r
    set meeting = jsonb_set(r.meeting, '{meeting}', (r.meeting -> 'meeting')
                || jsonb_build_object('leadName', :marker, 'leadEmail', :marker, 'leadCompany', null,
                                      'leadTimeZone', null, 'reason', null)),
        outcome = coalesce(r.outcome, 'SKIPPED'),
        detail = case when r.outcome is null then 'lead-erased' else r.detail end,
        done_at = coalesce(r.done_at, now())
    from erased e where r.booking_id = e.booking_id
    returning r.booking_id
), effects as (
    update side_effect f set detail = 'lead-erased'
    from erased e
    where f.subject_id = e.booking_id and f.detail is not null and strpos(lower(f.detail), e.lead_email) > 0
    returning f.subject_id
), webhooks as (
    update webhook_delivery w
    set payload = jsonb_set(cast(w.payload as jsonb), '{data}', (cast(w.payload as jsonb) -> 'data')
                || jsonb_build_object('leadName', :marker, 'leadEmail', :marker, 'leadCompany', null))::text
    where w.org_id = :org_id and w.created_at <= :erased_at and w.event_type like 'meeting.%'
      and encode(sha256(convert_to(lower(trim(cast(w.payload as jsonb) -> 'data' ->> 'leadEmail')), 'UTF8')), 'hex') = :email_hash
    returning w.id
), messages as (
    delete from backed_up_message m
    where m.org_id = :org_id
      and exists (select 1 from unnest(m.lead_emails) l
                  where encode(sha256(convert_to(lower(trim(l)), 'UTF8')), 'hex') = :email_hash)
      and (m.stored_at <= :erased_at
           or not exists (select 1 from booking_sequence s
                          where s.org_id = :org_id and s.booked_at > :erased_at and s.lead_email is not null
                            and encode(sha256(convert_to(lower(trim(s.lead_email)), 'UTF8')), 'hex') = :email_hash))
    returning m.id
)
select (select count(*) from copies), (select count(*) from reminders), (select count(*) from effects),
       (select count(*) from messages), (select count(*) from webhooks)
