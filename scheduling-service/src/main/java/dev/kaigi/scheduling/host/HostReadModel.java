package dev.kaigi.scheduling.host;

import dev.kaigi.events.integration.BusyInterval;
import dev.kaigi.events.integration.CalendarProvider;
import dev.kaigi.events.integration.OwnerOpportunityCount;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes the host read model from other services' events. Every write is an upsert keyed by the
 * user id, so an event about a user not seen yet creates the row instead of failing (events of
 * two topics have no order between them), and a row never moves to another organization.
 * DELETED and REMOVED are final: no later event brings such a user back.
 */
@ApplicationScoped
public class HostReadModel {

    private static final String NOT_FINAL = "host.status is null or host.status not in ('DELETED', 'REMOVED')";

    @Inject
    EntityManager em;

    /** The profile user-service announced; {@code status} null keeps the known status. */
    public void recordProfile(UUID orgId, UUID userId, String email, String lastName, String firstName, Role role, UserType type,
                              String zoomUrl, String contact, HostStatus status) {
        query("""
                insert into host (user_id, org_id, email, email_key, last_name, first_name, role, user_type, status,
                                  zoom_personal_url_present, contact, updated_at)
                values (:user, :org, :email, :emailKey, :lastName, :firstName, :role, :type, :status, :zoomUrl, :contact, now())
                on conflict (user_id) do update set email = excluded.email, email_key = excluded.email_key,
                    last_name = excluded.last_name, first_name = excluded.first_name, contact = excluded.contact,
                    role = excluded.role, user_type = excluded.user_type,
                    zoom_personal_url_present = excluded.zoom_personal_url_present,
                    status = case when excluded.status is null or host.status in ('DELETED', 'REMOVED') then host.status
                                  else excluded.status end,
                    updated_at = now()
                where host.org_id = excluded.org_id
                """, orgId, userId)
                .setParameter("email", email)
                .setParameter("emailKey", email.trim().toLowerCase(Locale.ROOT))
                .setParameter("lastName", lastName)
                .setParameter("firstName", firstName)
                .setParameter("role", role.name())
                .setParameter("type", type.name())
                .setParameter("status", status == null ? null : status.name())
                .setParameter("zoomUrl", zoomUrl != null && !zoomUrl.isBlank())
                .setParameter("contact", contact == null || contact.isBlank() ? null : contact.strip())
                .executeUpdate();
    }

    /** A lifecycle change; {@code type} null keeps the known user type. */
    public void recordStatus(UUID orgId, UUID userId, HostStatus status, UserType type) {
        query("""
                insert into host (user_id, org_id, status, user_type, updated_at) values (:user, :org, :status, :type, now())
                on conflict (user_id) do update set status = excluded.status,
                    user_type = coalesce(excluded.user_type, host.user_type), updated_at = now()
                where host.org_id = excluded.org_id and (%s)
                """.formatted(NOT_FINAL), orgId, userId)
                .setParameter("status", status.name())
                .setParameter("type", type == null ? null : type.name())
                .executeUpdate();
    }

    /** LIF-02: who took over a deleted user's pools. */
    public void recordTransfer(UUID orgId, UUID userId, UUID transferTo) {
        query("update host set transferred_to_user_id = :to where org_id = :org and user_id = :user", orgId, userId)
                .setParameter("to", transferTo).executeUpdate();
    }

    public void recordUserType(UUID orgId, UUID userId, UserType type) {
        query("""
                insert into host (user_id, org_id, user_type, updated_at) values (:user, :org, :type, now())
                on conflict (user_id) do update set user_type = excluded.user_type, updated_at = now()
                where host.org_id = excluded.org_id
                """, orgId, userId).setParameter("type", type.name()).executeUpdate();
    }

    /** INT-01: a linked Zoom account lets the host take ZOOM meetings without a personal URL (SCH-07). */
    public void recordZoom(UUID orgId, UUID userId, boolean linked) {
        query("""
                insert into host (user_id, org_id, zoom_linked, updated_at) values (:user, :org, :linked, now())
                on conflict (user_id) do update set zoom_linked = excluded.zoom_linked, updated_at = now()
                where host.org_id = excluded.org_id
                """, orgId, userId).setParameter("linked", linked).executeUpdate();
    }

    /** INT-04: the connected calendar, or none; an unlinked calendar's busy times are forgotten. */
    public void recordCalendar(UUID orgId, UUID userId, CalendarProvider provider) {
        query("""
                insert into host (user_id, org_id, calendar_provider, calendar_linked, updated_at)
                values (:user, :org, :provider, :linked, now())
                on conflict (user_id) do update set calendar_provider = excluded.calendar_provider,
                    calendar_linked = excluded.calendar_linked, updated_at = now()
                where host.org_id = excluded.org_id
                """, orgId, userId)
                .setParameter("provider", provider == null ? null : provider.name())
                .setParameter("linked", provider != null)
                .executeUpdate();
        if (provider == null) {
            query("delete from busy_time where org_id = :org and user_id = :user", orgId, userId).executeUpdate();
        }
    }

    /**
     * SCH-04: the organization's open opportunities per owner address. The list is complete, so it
     * replaces what was known; an older sync arriving late changes nothing.
     */
    public void replaceOpportunityCounts(UUID orgId, Instant syncedAt, List<OwnerOpportunityCount> counts) {
        ensureOrganization(orgId);
        int newer = em.createNativeQuery("""
                        update organization set opportunities_synced_at = :at, updated_at = now()
                        where org_id = :org and (opportunities_synced_at is null or opportunities_synced_at <= :at)
                        """)
                .setParameter("org", orgId).setParameter("at", syncedAt).executeUpdate();
        if (newer == 0) {
            return;
        }
        em.createNativeQuery("delete from opportunity_count where org_id = :org").setParameter("org", orgId).executeUpdate();
        // one owner may appear under differently cased addresses: they are one address
        Map<String, Integer> byAddress = counts.stream().collect(Collectors.toMap(
                c -> c.ownerEmail().trim().toLowerCase(Locale.ROOT), c -> Math.max(0, c.openOpportunities()), Integer::sum));
        byAddress.forEach((address, open) -> em.createNativeQuery(
                        "insert into opportunity_count (org_id, email_key, open_opportunities) values (:org, :address, :open)")
                .setParameter("org", orgId).setParameter("address", address).setParameter("open", open).executeUpdate());
    }

    /**
     * SCH-07: the busy times read for {@code [windowStart, windowEnd)} replace those known inside
     * it; the parts of known times that stick out of the window are kept.
     */
    public void replaceBusyTimes(UUID orgId, UUID userId, Instant windowStart, Instant windowEnd, List<BusyInterval> busy) {
        if (!ensureKnown(orgId, userId) || !windowEnd.isAfter(windowStart)) {
            return;
        }
        String overlapping = "org_id = :org and user_id = :user and start_at < :to and end_at > :from";
        query("""
                insert into busy_time (org_id, user_id, start_at, end_at)
                select org_id, user_id, start_at, cast(:from as timestamptz) from busy_time where %1$s and start_at < :from
                union all
                select org_id, user_id, cast(:to as timestamptz), end_at from busy_time where %1$s and end_at > :to
                """.formatted(overlapping), orgId, userId)
                .setParameter("from", windowStart).setParameter("to", windowEnd).executeUpdate();
        query("delete from busy_time where " + overlapping, orgId, userId)
                .setParameter("from", windowStart).setParameter("to", windowEnd).executeUpdate();
        for (BusyInterval b : busy) {
            if (b.end().isAfter(b.start())) {
                query("insert into busy_time (org_id, user_id, start_at, end_at) values (:org, :user, :from, :to)", orgId, userId)
                        .setParameter("from", b.start()).setParameter("to", b.end()).executeUpdate();
            }
        }
    }

    /** organization-created: the zone that system-default schedules start in (SCH-05). */
    public void recordOrganization(UUID orgId, String timeZone) {
        em.createNativeQuery("""
                        insert into organization (org_id, time_zone) values (:org, :zone)
                        on conflict (org_id) do update set time_zone = excluded.time_zone, updated_at = now()
                        """)
                .setParameter("org", orgId).setParameter("zone", timeZone).executeUpdate();
    }

    public void ensureOrganization(UUID orgId) {
        em.createNativeQuery("insert into organization (org_id) values (:org) on conflict (org_id) do nothing")
                .setParameter("org", orgId).executeUpdate();
    }

    /**
     * Makes sure the user has a row (status unknown if user-service has not spoken of them yet).
     *
     * @return false when the id belongs to another organization: the caller must leave it alone
     */
    public boolean ensureKnown(UUID orgId, UUID userId) {
        recordStatusless(orgId, userId);
        return belongs(orgId, userId);
    }

    /** A row for a user known so far only from integration-service (status unknown: no host). */
    private void recordStatusless(UUID orgId, UUID userId) {
        query("insert into host (user_id, org_id, updated_at) values (:user, :org, now()) on conflict (user_id) do nothing",
                orgId, userId).executeUpdate();
    }

    private boolean belongs(UUID orgId, UUID userId) {
        return ((Number) query("select count(*) from host where org_id = :org and user_id = :user", orgId, userId)
                .getSingleResult()).intValue() == 1;
    }

    /** The user's standing here; empty for a user this organization has no row of, or one of unknown status. */
    @SuppressWarnings("unchecked") // a one-column native query
    public Optional<HostStatus> statusOf(UUID orgId, UUID userId) {
        List<String> rows = query("select status from host where org_id = :org and user_id = :user and status is not null",
                orgId, userId).getResultList();
        return rows.stream().findFirst().map(HostStatus::valueOf);
    }

    private Query query(String sql, UUID orgId, UUID userId) {
        return em.createNativeQuery(sql).setParameter("org", orgId).setParameter("user", userId);
    }
}
