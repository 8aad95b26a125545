package dev.kaigi.scheduling.booking;

import jakarta.persistence.EntityManager;

import java.time.LocalDate;
import java.util.UUID;

/** The host_day counters (SCH-03) and the pools' counts (AVL-05) as the cancel and transfer paths change them, in the caller's transaction. */
final class HostDayCounters {

    private HostDayCounters() {
    }

    /** A booking of that day stopped counting. */
    static void release(EntityManager em, UUID userId, LocalDate day) {
        em.createNativeQuery("update host_day set booked = booked - 1 where user_id = :user and day = :day and booked > 0")
                .setParameter("user", userId).setParameter("day", day).executeUpdate();
    }

    /** A meeting of that meeting type's pool, host and day stopped counting in the fair choice (AVL-05). */
    static void releasePool(EntityManager em, UUID meetingTypeId, UUID userId, LocalDate day) {
        em.createNativeQuery("""
                        update pool_host_day set meetings = meetings - 1
                        where meeting_type_id = :type and user_id = :user and day = :day and meetings > 0
                        """)
                .setParameter("type", meetingTypeId).setParameter("user", userId).setParameter("day", day).executeUpdate();
    }

    /**
     * Takes one of the day's places if the cap allows (null = unlimited); the row stays locked
     * until the transaction ends, so no booking of that host and day can slip in meanwhile.
     */
    static boolean take(EntityManager em, UUID orgId, UUID userId, LocalDate day, Integer cap) {
        em.createNativeQuery("insert into host_day (org_id, user_id, day) values (:org, :user, :day) on conflict (user_id, day) do nothing")
                .setParameter("org", orgId).setParameter("user", userId).setParameter("day", day).executeUpdate();
        return em.createNativeQuery("""
                        update host_day set booked = booked + 1
                        where user_id = :user and day = :day and booked < :cap
                        """)
                .setParameter("user", userId).setParameter("day", day).setParameter("cap", cap == null ? Integer.MAX_VALUE : cap).executeUpdate() == 1;
    }
}
