package dev.kaigi.scheduling.booking;

import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.PartnerScopes;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import dev.kaigi.events.user.ProfilePermission;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * Who may do what with bookings (SCH-08, ORG-02): every organization role but RESTRICTED books;
 * every role reads, cancels and reschedules the meetings they host; MANAGERs and OWNERs see and
 * change the organization's, and alone hand a meeting to another host. A partner with scope
 * {@code bookings:write} books, reschedules and cancels what the organization has: it hosts
 * nothing, and must read back what it booked.
 */
@ApplicationScoped
public class BookingPermissions {

    static final Permission BOOK = Permission.of("book-meetings", Roles.OWNER, Roles.MANAGER, Roles.MEMBER)
            .orPartnerWith(PartnerScopes.BOOKINGS_WRITE);
    static final Permission HOST = Permission.of("host-meetings", Roles.OWNER, Roles.MANAGER, Roles.MEMBER, Roles.RESTRICTED)
            .orPartnerWith(PartnerScopes.BOOKINGS_WRITE);
    static final Permission SEE_ALL = Permission.of("see-all-bookings", Roles.OWNER, Roles.MANAGER)
            .inProfileAs(ProfilePermission.SEE_ALL_BOOKINGS)
            .orPartnerWith(PartnerScopes.BOOKINGS_WRITE);

    static final Permission REASSIGN = Permission.of("reassign-meetings", Roles.OWNER, Roles.MANAGER)
            .inProfileAs(ProfilePermission.SEE_ALL_BOOKINGS);

    @Inject
    CurrentCaller caller;

    /** 403 unless the caller may book a meeting. */
    public Caller requireBook() {
        return BOOK.require(caller.get());
    }

    /** 403 unless the caller may see bookings at all (then {@link #onlyHost} narrows which). */
    public Caller requireView() {
        return HOST.require(caller.get());
    }

    /** Cancelling and rescheduling ask what reading does: a booking the caller may see, the caller may cancel or move (MTG-03). */
    public Caller requireManage() {
        return HOST.require(caller.get());
    }

    /** MTG-04: only a MANAGER or OWNER hands a meeting to another host. */
    public Caller requireReassign() {
        return REASSIGN.require(caller.get());
    }

    /** The host whose bookings alone {@code c} may see and change; null when they may see the organization's. */
    public static UUID onlyHost(Caller c) {
        return SEE_ALL.grantedTo(c) ? null : c.userId();
    }
}
