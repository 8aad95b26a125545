package dev.kaigi.scheduling.eligibility;

import dev.kaigi.events.user.UserType;
import dev.kaigi.scheduling.host.HostStatus;

import java.time.ZoneId;
import java.util.UUID;

/**
 * What eligibility knows about a host that changes only through this service's API and its event
 * consumers: status and type, links, schedule (zone, weekdays, breaks, caps, date overrides,
 * the organization's closed days), time off, opportunity cap and open opportunities. Migration V5 versions these per organization, so {@link HostFactsCache} can
 * keep them; what bookings change (counters, taken times) is read every time.
 *
 * @param zone              the schedule's zone; null when the host has no schedule (never eligible)
 * @param rules             every weekday's rules; null when the host has no schedule
 * @param openOpportunities Salesforce open opportunities of the host's address; null before any sync
 * @param absences          the host's time off (AVL-02), from two days ago on
 */
record HostProfile(UUID userId, HostStatus status, UserType userType, boolean calendarLinked, boolean zoomLinked,
                   boolean zoomPersonalUrlPresent, ZoneId zone, WorkRules rules, Integer opportunityCap,
                   Integer openOpportunities, Intervals absences) {
}
