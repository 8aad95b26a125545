package dev.kaigi.user.scim;

import dev.kaigi.events.user.UserStatus;
import dev.kaigi.user.audit.AuditLog;
import dev.kaigi.user.directory.UserAccount;
import dev.kaigi.user.directory.UserRepository;
import dev.kaigi.user.security.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What an identity provider keeps on a user beyond the Kaigi profile (externalId, title, the
 * enterprise extension's department, employee number and manager): stored as sent, shown back as
 * sent, and audited like a profile edit. No other Kaigi rule reads them.
 */
@ApplicationScoped
class ScimProvisioningAttributes {

    @Inject
    UserRepository users;
    @Inject
    AuditLog audit;

    /** Brings {@code u}'s provisioning attributes to {@code s}'s, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    void apply(Actor actor, UserAccount u, ScimUserJson.State s) {
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> after = new LinkedHashMap<>();
        change("externalId", u.externalId, s.externalId(), before, after);
        change("title", u.title, s.title(), before, after);
        change("department", u.department, s.department(), before, after);
        change("employeeNumber", u.employeeNumber, s.employeeNumber(), before, after);
        change("managerId", u.managerId, s.managerId(), before, after);
        if (after.isEmpty()) {
            return;
        }
        requireLength("externalId", s.externalId(), 255);
        requireLength("title", s.title(), 200);
        requireLength("department", s.department(), 200);
        requireLength("employeeNumber", s.employeeNumber(), 100);
        if (s.managerId() != null && after.containsKey("managerId")) {
            requireManager(u, s.managerId());
        }
        u.externalId = s.externalId();
        u.title = s.title();
        u.department = s.department();
        u.employeeNumber = s.employeeNumber();
        u.managerId = s.managerId();
        audit.record(u.orgId, actor.userId(), AuditLog.Action.PROFILE_UPDATED, u.id, before, after);
    }

    /** A manager is another live user of the organization (the database keeps them in the tenant too). */
    private void requireManager(UserAccount u, UUID managerId) {
        boolean live = !managerId.equals(u.id) && users.inOrganization(u.orgId, managerId)
                .filter(m -> m.status != UserStatus.DELETED).isPresent();
        if (!live) {
            throw ScimProblems.invalidValue("manager.value " + managerId + " is not another user of this organization.");
        }
    }

    private static void change(String field, Object now, Object wanted, Map<String, Object> before, Map<String, Object> after) {
        if (!Objects.equals(now, wanted)) {
            before.put(field, now);
            after.put(field, wanted);
        }
    }

    private static void requireLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw ScimProblems.invalidValue(field + " is longer than " + max + " characters.");
        }
    }
}
