-- SEC-04: the events of the bookings the erasure is about (made before it), sent or not, forget the lead as the
-- bookings do, also one written after the erasure but before this service read it: an event not sent yet goes out
-- naming no one, and the stored payloads keep no address. A free-text reason (a cancellation's, a reschedule's) may
-- name the person too, so it goes.
update outbox
set payload = payload
        || jsonb_build_object('leadName', :marker, 'leadEmail', :marker, 'leadCompany', null, 'leadLocale', 'en',
                              'leadTimeZone', 'UTC')
        || case when event_type in (:cancelled, :rescheduled) then jsonb_build_object('reason', null) else '{}' end
where org_id = :org_id
  and payload ->> 'leadEmail' is not null
  and payload ->> 'leadEmail' <> :marker
  and encode(sha256(convert_to(lower(trim(payload ->> 'leadEmail')), 'UTF8')), 'hex') = :email_hash
  and exists (select 1 from booking b
              where b.org_id = :org_id and b.id = cast(payload ->> 'bookingId' as uuid) and b.created_at <= :erased_at)
