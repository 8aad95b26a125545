package dev.kaigi.scheduling.lifecycle;

import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Who may ask what a user's departure would do here: user-service, for the super admin's preview (LIF-05). */
@ApplicationScoped
class LifecyclePermissions {

    static final Permission PREVIEW_TRANSFERS = Permission.of("preview-transfers", Roles.SERVICE);

    @Inject
    CurrentCaller caller;

    Caller requirePreviewTransfers() {
        return PREVIEW_TRANSFERS.require(caller.get());
    }
}
