package dev.kaigi.integration.calendar;

import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.events.integration.BusyInterval;
import dev.kaigi.events.integration.CalendarBusyTimesSynced;
import dev.kaigi.integration.connection.ConnectionAccess;
import dev.kaigi.integration.connection.OAuthConnection;
import dev.kaigi.integration.provider.ProviderFailures;
import dev.kaigi.integration.provider.ProviderRejectedException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * INT-04, SCH-07: reads the busy times of linked calendars for the coming window and publishes them per user
 * ({@code calendar-busy-times-synced}). Calendars of one organization, provider and email domain are asked
 * for together (Google {@code freeBusy} up to 50, Graph {@code getSchedule} about 20) with one member's token,
 * since colleagues in one Workspace or tenant usually see each other's free/busy; a calendar that token may
 * not read is read with its own user's token. Nothing is published for a calendar that could not be read.
 */
@ApplicationScoped
public class CalendarBusySync {

    private static final Logger LOG = Logger.getLogger(CalendarBusySync.class);

    @Inject
    CalendarApis apis;
    @Inject
    ConnectionAccess access;
    @Inject
    CalendarConfig config;
    @Inject
    EntityManager em;
    @Inject
    Outbox outbox;

    /** Reads and publishes the busy times of {@code connections}; returns how many were published. */
    public int sync(List<OAuthConnection> connections) {
        Instant from = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant to = from.plus(config.busyWindow());
        Map<String, List<OAuthConnection>> groups = new LinkedHashMap<>();
        for (OAuthConnection c : connections) {
            String domain = c.accountEmail.substring(c.accountEmail.indexOf('@') + 1).toLowerCase(Locale.ROOT);
            groups.computeIfAbsent(c.orgId + "/" + c.provider + "/" + domain, k -> new ArrayList<>()).add(c);
        }
        int published = 0;
        for (List<OAuthConnection> group : groups.values()) {
            CalendarApi api = apis.of(group.get(0).provider);
            for (int i = 0; i < group.size(); i += api.busyBatchSize()) {
                published += syncBatch(api, group.subList(i, Math.min(group.size(), i + api.busyBatchSize())), from, to);
            }
        }
        return published;
    }

    /** A just-linked calendar: read at once so the user becomes bookable without waiting for the next run. */
    public void readNow(OAuthConnection c) {
        try {
            sync(List.of(c));
        } catch (RuntimeException e) {
            LOG.infof("busy times of a new %s link not read yet (%s); the next run reads them", c.provider,
                    e.getClass().getSimpleName());
        }
    }

    private int syncBatch(CalendarApi api, List<OAuthConnection> batch, Instant from, Instant to) {
        Map<String, List<BusyInterval>> read = Map.of();
        try {
            read = access.call(batch.get(0).id, t -> api.busy(t, batch.stream().map(c -> c.accountEmail).toList(), from, to));
        } catch (ConnectionAccess.RelinkRequiredException | ProviderRejectedException e) {
            // the reader's token is no good for this: everyone is read with their own below
        } catch (RuntimeException e) {
            if (!ProviderFailures.isTransient(e)) {
                throw e;
            }
            LOG.infof("%s busy times not read now (%s); the next run tries again", batch.get(0).provider, e.getMessage());
            batch.forEach(c -> outcome(c, "provider-unavailable", null, from, to));
            return 0;
        }
        int published = 0;
        for (OAuthConnection c : batch) {
            List<BusyInterval> busy = read.get(c.accountEmail);
            String failure = null;
            if (busy == null) {
                try {
                    busy = access.call(c.id, t -> api.busy(t, List.of(c.accountEmail), from, to)).get(c.accountEmail);
                    failure = busy == null ? "calendar-not-readable" : null;
                } catch (ConnectionAccess.RelinkRequiredException e) {
                    failure = "relink-required";
                } catch (ProviderRejectedException e) {
                    failure = "provider-error";
                } catch (RuntimeException e) {
                    if (!ProviderFailures.isTransient(e)) {
                        throw e;
                    }
                    failure = "provider-unavailable";
                }
            }
            if (outcome(c, failure == null ? "ok" : failure, busy, from, to)) {
                published++;
            }
        }
        return published;
    }

    /** The times of the bookings' events Kaigi wrote through this link. */
    private List<BusyInterval> own(OAuthConnection c) {
        return em.createNativeQuery("select starts_at, ends_at from booked_calendar_event where connection_id = :c")
                .setParameter("c", c.id).getResultList().stream().map(row -> {
                    Object[] r = (Object[]) row;
                    return new BusyInterval(instant(r[0]), instant(r[1]));
                }).toList();
    }

    private static Instant instant(Object value) {
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return value instanceof java.time.OffsetDateTime o ? o.toInstant() : (Instant) value;
    }

    /** Records how reading went and, if it went well, publishes the busy times in the same transaction. */
    private boolean outcome(OAuthConnection c, String outcome, List<BusyInterval> busy, Instant from, Instant to) {
        return QuarkusTransaction.requiringNew().call(() -> {
            int updated = em.createNativeQuery("""
                            update oauth_connection set last_sync_outcome = :outcome, last_synced_at = now()
                            where id = :id and account_id = :account
                            """)
                    .setParameter("outcome", outcome).setParameter("id", c.id).setParameter("account", c.accountId)
                    .executeUpdate();
            if (updated == 1 && "ok".equals(outcome)) { // unless unlinked or re-linked meanwhile
                outbox.publish(new CalendarBusyTimesSynced(c.orgId, c.userId, from, to, OwnEvents.withoutOwn(busy, own(c))));
                return true;
            }
            return false;
        });
    }
}
