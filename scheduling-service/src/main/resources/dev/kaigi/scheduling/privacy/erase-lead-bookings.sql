-- SEC-04: a lead's bookings made before the erasure forget the person. Times, host, meeting type, status, the day
-- counters and the sequence stay, so caps and fair choice count as before; the manage link's hash goes, so the link
-- the lead was mailed finds nothing; the Idempotency-Key answers, which repeat the lead, go too. A booking already
-- erased, or made after the erasure (a new consent), is left alone, so applying an erasure again changes nothing.
with erased as (
    update booking
    set lead_name = :marker, lead_email = :marker, lead_company = null, lead_locale = 'en', lead_time_zone = 'UTC',
        notes = null, cancel_reason = null, manage_token_hash = null
    where org_id = :org_id
      and created_at <= :erased_at
      and lead_email <> :marker
      and encode(sha256(convert_to(lower(trim(lead_email)), 'UTF8')), 'hex') = :email_hash
    returning id
), answers as (
    delete from idempotency_key k using erased e
    where k.org_id = :org_id and k.booking_id = e.id
)
select count(*) from erased
