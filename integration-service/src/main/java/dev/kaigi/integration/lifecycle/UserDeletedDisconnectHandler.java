package dev.kaigi.integration.lifecycle;

import dev.kaigi.chassis.inbox.EventSubscriber;
import dev.kaigi.chassis.inbox.EventSubscriptions;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.user.UserDeleted;
import dev.kaigi.integration.calendar.CalendarAnnouncements;
import dev.kaigi.integration.calendar.CalendarConnectionService;
import dev.kaigi.integration.connection.ProviderConnections;
import dev.kaigi.integration.zoom.ZoomConnectionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


/**
 * LIF-02: a deleted user's integrations stop working. Their Zoom link and calendar connection are removed,
 * zoom-unlinked / calendar-unlinked published, and the grants revoked at Zoom and Google (Microsoft has no
 * endpoint revoking one app's grant). Each removal commits on its own with its announcement, so a
 * redelivered event finds nothing left and announces nothing twice. The organization's Salesforce connection
 * is the organization's, whoever linked it, and stays.
 */
@ApplicationScoped
public class UserDeletedDisconnectHandler implements EventSubscriber {

    @Inject
    ZoomConnectionService zoom;
    @Inject
    ProviderConnections connections;

    @Override
    public void subscribe(EventSubscriptions on) {
        on.event(EventTypes.USER_DELETED, this::disconnect);
    }

    private void disconnect(UserDeleted e) {
        zoom.disconnect(e.orgId(), e.userId());
        connections.disconnect(e.orgId(), e.userId(), CalendarConnectionService.CALENDARS, CalendarAnnouncements::unlinked);
    }
}
