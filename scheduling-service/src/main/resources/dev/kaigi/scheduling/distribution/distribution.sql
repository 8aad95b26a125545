-- AVL-06: a meeting type's meetings that start in [from, to), per host: how many each held (reason null), and
-- how many each could not take, per eligibility reason, as recorded on each booking when its host was chosen
-- (booking.passed_over_host_ids and passed_over_reasons, written by book.sql and move.sql). Cancelled meetings
-- count for nobody. The organization's bookings are read in the range through booking_by_org.
with period as materialized (
    select b.host_user_id, b.passed_over_host_ids, b.passed_over_reasons
    from booking b
    where b.org_id = :org_id and b.starts_at >= :from and b.starts_at < :to
      and b.meeting_type_id = :meeting_type_id and b.status = 'BOOKED'
)
select host_user_id as user_id, cast(null as text) as reason, count(*) as meetings
from period
group by host_user_id
union all
select p.user_id, p.reason, count(*)
from period, unnest(period.passed_over_host_ids, period.passed_over_reasons) p(user_id, reason)
group by p.user_id, p.reason
