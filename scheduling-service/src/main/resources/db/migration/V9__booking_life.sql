-- A booking's life after it is made (MTG-01 .. MTG-05).
--   sequence           the calendar invitation's SEQUENCE and the booking's version (its ETag): every
--                      change (reschedule, reassignment, cancellation) raises it
--   lead_time_zone     the zone the lead's times are shown in (an IANA id, or the offset they booked with)
--   manage_token_hash  SHA-256 of the manage link's token (MTG-02); the token itself is never stored
--   updated_at         when the booking last changed after it was made
--   conference_url     the meeting's join link once integration-service created it (meeting-conference-created)
-- and the host's name, which the lead's manage page shows.
alter table booking add column sequence integer not null default 0 check (sequence >= 0);
alter table booking add column lead_time_zone text not null default 'UTC' check (length(lead_time_zone) between 1 and 64);
alter table booking add column manage_token_hash bytea check (length(manage_token_hash) = 32);
alter table booking add column updated_at timestamptz;
create unique index booking_by_manage_token on booking (manage_token_hash);
alter table booking add column conference_url text check (length(conference_url) <= 2048);
alter table host add column last_name text check (length(last_name) <= 200);
alter table host add column first_name text check (length(first_name) <= 200);
