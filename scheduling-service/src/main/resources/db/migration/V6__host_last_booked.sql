-- SCH-08's fair choice: among hosts with as many meetings that day, the one Kaigi gave a new
-- meeting to longest ago goes first. Read as max(created_at) over each pool host's bookings, that
-- was twenty backward index probes per booking of a 20-host pool (0.32 ms of PostgreSQL per
-- booking at 16 clients, a fifth of all the booking's statements). The booking's own statement
-- (BookingWriter) now keeps the time here, and the read is one probe per host of a small table.
-- No foreign key: the row is derived, and a key check would lock the host's row on every booking.
create table host_last_booked (
    user_id   uuid        primary key,
    booked_at timestamptz not null
);

insert into host_last_booked (user_id, booked_at)
select host_user_id, max(created_at) from booking group by host_user_id;
