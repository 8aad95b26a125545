package dev.kaigi.chassis.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One administrative change for the {@link AuditTrail}: the organization, what was done, to whom or
 * what, and the changed fields' values before and after (null where there was nothing before, as on
 * a creation, or nothing after, as on a deletion).
 *
 * @param action       a name of the service's own action enum, e.g. {@code PLAN_CHANGED}
 * @param targetUserId the user the change is about, if any
 * @param targetId     the record changed when it is not a user (a meeting type, a connection), if any
 */
public record AuditChange(UUID orgId, String action, UUID targetUserId, UUID targetId,
                          Map<String, ?> before, Map<String, ?> after) {

    public AuditChange {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(action, "action");
        before = copy(before);
        after = copy(after);
    }

    /** A change of {@code orgId} with no target and no values yet. */
    public static AuditChange of(UUID orgId, Enum<?> action) {
        return new AuditChange(orgId, action.name(), null, null, null, null);
    }

    public AuditChange targetUser(UUID userId) {
        return new AuditChange(orgId, action, userId, targetId, before, after);
    }

    public AuditChange target(UUID id) {
        return new AuditChange(orgId, action, targetUserId, id, before, after);
    }

    public AuditChange before(Map<String, ?> values) {
        return new AuditChange(orgId, action, targetUserId, targetId, values, after);
    }

    public AuditChange after(Map<String, ?> values) {
        return new AuditChange(orgId, action, targetUserId, targetId, before, values);
    }

    /**
     * This change with only the fields whose values differ between {@code before} and {@code after}
     * (both maps hold the same fields, read before and after the change).
     */
    public AuditChange changedFields(Map<String, ?> before, Map<String, ?> after) {
        Map<String, Object> was = new LinkedHashMap<>();
        Map<String, Object> becomes = new LinkedHashMap<>();
        before.forEach((field, value) -> {
            if (!Objects.equals(value, after.get(field))) {
                was.put(field, value);
                becomes.put(field, after.get(field));
            }
        });
        return before(was).after(becomes);
    }

    /** An update whose fields all kept their values: nothing to record. */
    public boolean changesNothing() {
        return before != null && after != null && before.equals(after);
    }

    /** Keeps insertion order and null values (a cap cleared to "unlimited" is a null worth showing). */
    private static Map<String, ?> copy(Map<String, ?> values) {
        return values == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
