package dev.kaigi.integration.meeting;

import dev.kaigi.chassis.links.ManageTokens;
import dev.kaigi.integration.mail.MailConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * The lead's links in meeting mails (MTG-02, MTG-05): the booking's manage page, whose token is derived from the
 * booking id under the shared key (so it is never stored here nor carried by an event), and the meeting type's
 * booking page to book again.
 */
@ApplicationScoped
class ManageLinks {

    private final ManageTokens tokens;
    private final String frontend;

    @Inject
    ManageLinks(MailConfig config) {
        this.tokens = ManageTokens.withKey(config.manageLinkSecret());
        this.frontend = config.frontendUrl().replaceAll("/+$", "");
    }

    String manage(UUID bookingId) {
        return frontend + "/bookings/" + tokens.tokenOf(bookingId);
    }

    String bookAgain(UUID meetingTypeId) {
        return frontend + "/book/" + meetingTypeId;
    }
}
