package dev.kaigi.integration.calendar;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.integration.connection.OAuthConnection;
import dev.kaigi.integration.connection.ProviderConnections;
import dev.kaigi.integration.connection.Provider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;
import java.util.UUID;

/** A user's link to Google Calendar or Microsoft Outlook, as the API shows it (the OAuth flow is {@link ProviderConnections}'). */
@ApplicationScoped
public class CalendarConnectionService {

    /** The providers a calendar link may be with. */
    public static final Set<Provider> CALENDARS = Set.of(Provider.GOOGLE, Provider.MICROSOFT);

    @Inject
    ProviderConnections connections;
    @Inject
    CalendarBusySync busyTimes;

    /** Links (or re-links) the calendar, announces it, and reads its busy times right away. */
    public CalendarConnectionView complete(UUID orgId, UUID userId, String code, String state) {
        OAuthConnection c = connections.complete(CALENDARS, orgId, userId, userId, code, state, CalendarAnnouncements::linked);
        busyTimes.readNow(c);
        return get(orgId, userId);
    }

    /** 404 {@code calendar-not-connected} when the user has no calendar linked (or is another organization's). */
    public CalendarConnectionView get(UUID orgId, UUID userId) {
        return connections.owned(orgId, userId, CALENDARS).map(CalendarConnectionView::of)
                .orElseThrow(() -> new ProblemException(404, "calendar-not-connected"));
    }

    public void disconnect(UUID orgId, UUID userId) {
        connections.disconnect(orgId, userId, CALENDARS, CalendarAnnouncements::unlinked);
    }
}
