package dev.kaigi.integration.lifecycle;

import dev.kaigi.chassis.security.Caller;
import dev.kaigi.chassis.security.CurrentCaller;
import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Who may ask what a deletion would move: each of the preview's resource methods' first line is this check. */
@ApplicationScoped
class TransferPreviewPermissions {

    /** user-service, preparing the super admin's preview of a deletion with transfer (LIF-05). */
    static final Permission PREVIEW = Permission.of("preview-deletion-transfers", Roles.SERVICE);

    @Inject
    CurrentCaller caller;

    Caller requirePreview() {
        return PREVIEW.require(caller.get());
    }
}
