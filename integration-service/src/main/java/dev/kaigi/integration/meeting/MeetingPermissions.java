package dev.kaigi.integration.meeting;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import dev.kaigi.events.user.ProfilePermission;
import dev.kaigi.integration.user.UserAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/** Who may see what was done for a booking: its host, and the organization's MANAGERs and OWNERs. */
@ApplicationScoped
public class MeetingPermissions {

    static final Permission VIEW_SIDE_EFFECTS = Permission.of("view-side-effects", Roles.MANAGER, Roles.OWNER)
            .inProfileAs(ProfilePermission.SEE_ALL_BOOKINGS);

    @Inject
    CurrentCaller current;
    @Inject
    BookingSequences bookings;
    @Inject
    UserAccess users;

    /** A booking this service has not heard of, or another organization's, answers 404. */
    public Caller requireViewSideEffects(UUID bookingId) {
        UUID host = bookings.hostOf(current.get().orgId(), bookingId).orElseThrow(() -> ProblemException.notFound("booking"));
        return users.requireSelfOr(VIEW_SIDE_EFFECTS, host);
    }
}
