package dev.kaigi.integration.calendar;

import dev.kaigi.integration.connection.ConnectionAccess;
import dev.kaigi.integration.connection.OAuthConnection;
import dev.kaigi.integration.connection.ProviderConnections;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.UUID;

/** INT-04: writes a booked meeting into the host's linked calendar. */
@ApplicationScoped
public class CalendarEventWriter {

    @Inject
    ProviderConnections connections;
    @Inject
    ConnectionAccess access;
    @Inject
    CalendarApis apis;

    /** Where the event went: the provider and its event id. */
    public record Written(String provider, String eventId) {
    }

    /**
     * Writes {@code event} into the user's calendar; empty when they have none.
     *
     * @throws ConnectionAccess.RelinkRequiredException when the provider no longer accepts the link
     */
    public Optional<Written> write(UUID orgId, UUID userId, CalendarApi.CalendarEvent event) {
        Optional<OAuthConnection> c = QuarkusTransaction.requiringNew()
                .call(() -> connections.owned(orgId, userId, CalendarConnectionService.CALENDARS));
        return c.map(connection -> new Written(connection.provider.name(),
                access.call(connection.id, token -> apis.of(connection.provider).writeEvent(token, event))));
    }
}
