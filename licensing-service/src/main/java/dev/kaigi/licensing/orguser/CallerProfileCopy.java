package dev.kaigi.licensing.orguser;

import dev.kaigi.chassis.security.StoredCallerProfiles;
import jakarta.enterprise.context.ApplicationScoped;

/** USR-07 here: the permission profiles user-service announces, enforced beside the roles on every request. */
@ApplicationScoped
public class CallerProfileCopy extends StoredCallerProfiles {
}
