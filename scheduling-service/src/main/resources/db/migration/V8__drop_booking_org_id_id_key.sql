-- booking's unique (org_id, id) backed no foreign key (no table references booking) and no query
-- the primary key does not answer (a booking is found by its id, then its organization compared),
-- while every booking's insert kept it: one more index, on a random uuid, in the hot path's
-- statement (BookingWriter).
alter table booking drop constraint booking_org_id_id_key;
