package dev.kaigi.integration.connection;

import dev.kaigi.chassis.audit.AuditChange;
import dev.kaigi.integration.audit.AuditAction;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A provider account linked or unlinked, as the audit trail shows it, the same for Zoom, calendars
 * and Salesforce: which provider and the linked account's email; never a token or an account id.
 */
public final class ConnectionAudit {

    private ConnectionAudit() {
    }

    /**
     * @param ownerUserId  the user the connection is theirs, or null for the organization's (Salesforce)
     * @param connectionId the connection's own id where it has one
     * @param was          the account linked before, or null
     */
    public static AuditChange linked(UUID orgId, UUID ownerUserId, UUID connectionId, Account was, Account becomes) {
        return AuditChange.of(orgId, AuditAction.CONNECTION_LINKED).targetUser(ownerUserId).target(connectionId)
                .before(was == null ? null : was.fields()).after(becomes.fields());
    }

    public static AuditChange unlinked(UUID orgId, UUID ownerUserId, UUID connectionId, Account was) {
        return AuditChange.of(orgId, AuditAction.CONNECTION_UNLINKED).targetUser(ownerUserId).target(connectionId)
                .before(was.fields());
    }

    /** A linked account: its provider and email. */
    public record Account(Provider provider, String email) {

        Map<String, Object> fields() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("provider", provider);
            fields.put("accountEmail", email);
            return fields;
        }
    }
}
