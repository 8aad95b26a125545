package dev.kaigi.scheduling.audit;

import dev.kaigi.chassis.audit.AuditEventsResource;
import jakarta.ws.rs.Path;

/** {@code /api/v1/audit-events}: scheduling's administrative changes, as the chassis serves them. */
@Path("/api/v1/audit-events")
public class AuditResource extends AuditEventsResource {

    @Override
    protected Class<AuditAction> actions() {
        return AuditAction.class;
    }
}
