package dev.kaigi.integration.calendar;

import dev.kaigi.integration.connection.ConnectionAccess;
import dev.kaigi.integration.connection.OAuthConnection;
import dev.kaigi.integration.connection.ProviderConnections;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * INT-04, MTG-06: writes a booked meeting into the host's linked calendar, and moves or deletes it when the
 * booking changes. What was written is kept ({@code booked_calendar_event}) with the link it went through, so a
 * later change reaches the same event, and the busy-time sync can leave Kaigi's own events out.
 */
@ApplicationScoped
public class CalendarEventWriter {

    @Inject
    ProviderConnections connections;
    @Inject
    ConnectionAccess access;
    @Inject
    CalendarApis apis;
    @Inject
    EntityManager em;

    /** Where the event went: the provider and its event id. */
    public record Written(String provider, String eventId) {
    }

    private record Kept(UUID connectionId, String eventId) {
    }

    /**
     * Writes {@code event} for {@code bookingId} into the user's calendar; empty when they have none.
     *
     * @throws ConnectionAccess.RelinkRequiredException when the provider no longer accepts the link
     */
    public Optional<Written> write(UUID orgId, UUID userId, UUID bookingId, CalendarApi.CalendarEvent event) {
        Optional<OAuthConnection> c = QuarkusTransaction.requiringNew()
                .call(() -> connections.owned(orgId, userId, CalendarConnectionService.CALENDARS));
        return c.map(connection -> {
            String id = access.call(connection.id, token -> apis.of(connection.provider).writeEvent(token, event));
            keep(connection.id, id, bookingId, event);
            return new Written(connection.provider.name(), id);
        });
    }

    /** Moves the booking's written event {@code eventId} to {@code event}; false when it is no longer known (link gone). */
    public boolean update(UUID bookingId, String eventId, CalendarApi.CalendarEvent event) {
        return kept(bookingId, eventId).map(k -> {
            OAuthConnection connection = connection(k);
            access.call(k.connectionId(), token -> {
                apis.of(connection.provider).updateEvent(token, eventId, event);
                return null;
            });
            keep(k.connectionId(), eventId, bookingId, event);
            return true;
        }).orElse(false);
    }

    /** Deletes the booking's written event {@code eventId}; false when it is no longer known (link gone). */
    public boolean delete(UUID bookingId, String eventId) {
        return kept(bookingId, eventId).map(k -> {
            OAuthConnection connection = connection(k);
            access.call(k.connectionId(), token -> {
                apis.of(connection.provider).deleteEvent(token, eventId);
                return null;
            });
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                            "delete from booked_calendar_event where connection_id = :c and event_id = :e")
                    .setParameter("c", k.connectionId()).setParameter("e", eventId).executeUpdate());
            return true;
        }).orElse(false);
    }

    private OAuthConnection connection(Kept k) {
        return QuarkusTransaction.requiringNew().call(() -> {
            OAuthConnection found = em.find(OAuthConnection.class, k.connectionId());
            if (found == null) {
                throw new IllegalStateException("connection of a kept calendar event vanished");
            }
            em.detach(found);
            return found;
        });
    }

    private Optional<Kept> kept(UUID bookingId, String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = em.createNativeQuery(
                            "select connection_id from booked_calendar_event where booking_id = :b and event_id = :e")
                    .setParameter("b", bookingId).setParameter("e", eventId).getResultList();
            return rows.stream().findFirst().map(id -> new Kept((UUID) id, eventId));
        });
    }

    private void keep(UUID connectionId, String eventId, UUID bookingId, CalendarApi.CalendarEvent event) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        insert into booked_calendar_event (connection_id, event_id, booking_id, starts_at, ends_at)
                        values (:c, :e, :b, :start, :end)
                        on conflict (connection_id, event_id) do update set starts_at = excluded.starts_at, ends_at = excluded.ends_at
                        """)
                .setParameter("c", connectionId).setParameter("e", eventId).setParameter("b", bookingId)
                .setParameter("start", event.start().atOffset(java.time.ZoneOffset.UTC))
                .setParameter("end", event.end().atOffset(java.time.ZoneOffset.UTC)).executeUpdate());
    }
}
