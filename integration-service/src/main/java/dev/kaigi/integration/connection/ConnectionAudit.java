package dev.kaigi.integration.connection;

import dev.kaigi.chassis.audit.AuditChange;
import dev.kaigi.integration.audit.AuditAction;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A provider account linked or unlinked, as the audit trail shows it, the same for Zoom, calendars,
 * Salesforce and Slack: which provider and the linked account's email, or the workspace Slack was installed
 * into; never a token or an account id.
 */
public final class ConnectionAudit {

    private ConnectionAudit() {
    }

    /**
     * @param ownerUserId  the user the connection is theirs, or null for the organization's (Salesforce)
     * @param connectionId the connection's own id where it has one
     * @param was          the account linked before, or null
     */
    public static AuditChange linked(UUID orgId, UUID ownerUserId, UUID connectionId, Linked was, Linked becomes) {
        return AuditChange.of(orgId, AuditAction.CONNECTION_LINKED).targetUser(ownerUserId).target(connectionId)
                .before(was == null ? null : was.fields()).after(becomes.fields());
    }

    public static AuditChange unlinked(UUID orgId, UUID ownerUserId, UUID connectionId, Linked was) {
        return AuditChange.of(orgId, AuditAction.CONNECTION_UNLINKED).targetUser(ownerUserId).target(connectionId)
                .before(was.fields());
    }

    /** What a connection links to, as the trail shows it. */
    public sealed interface Linked permits Account, Workspace {
        Map<String, Object> fields();
    }

    /** A linked account: its provider and email. */
    public record Account(Provider provider, String email) implements Linked {

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("provider", provider);
            fields.put("accountEmail", email);
            return fields;
        }
    }

    /** The Slack workspace Kaigi's app was installed into (INT-10): its id and name. */
    public record Workspace(String teamId, String teamName) implements Linked {

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("provider", Provider.SLACK);
            fields.put("workspaceId", teamId);
            fields.put("workspaceName", teamName);
            return fields;
        }
    }
}
