package dev.kaigi.chassis.audit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SEC-02: an audit event shows the fields that changed, and an update that changed nothing is not one. */
class AuditChangeTest {

    private enum Action { SOMETHING_CHANGED }

    private static final UUID ORG = UUID.randomUUID();

    @Test
    @DisplayName("SEC-02: only the fields whose values differ are kept, a cleared value (null) included")
    void keepsOnlyChangedFields() {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("name", "Demo");
        before.put("cap", 3);
        before.put("pool", java.util.List.of("a", "b"));
        Map<String, Object> after = new HashMap<>(before);
        after.put("cap", null);
        after.put("pool", java.util.List.of("b", "a"));

        AuditChange change = AuditChange.of(ORG, Action.SOMETHING_CHANGED).changedFields(before, after);

        assertEquals(java.util.Arrays.asList("cap", "pool"), java.util.List.copyOf(change.before().keySet()));
        assertEquals(3, change.before().get("cap"));
        assertTrue(change.after().containsKey("cap"));
        assertNull(change.after().get("cap"));
        assertEquals(java.util.List.of("b", "a"), change.after().get("pool"));
        assertFalse(change.changesNothing());
    }

    @Test
    @DisplayName("SEC-02: an update whose values all stayed changes nothing; a creation or deletion always changes something")
    void sameValuesChangeNothing() {
        Map<String, Object> fields = Map.of("plan", "FREE");
        assertTrue(AuditChange.of(ORG, Action.SOMETHING_CHANGED).changedFields(fields, Map.of("plan", "FREE")).changesNothing());
        assertFalse(AuditChange.of(ORG, Action.SOMETHING_CHANGED).after(fields).changesNothing());
        assertFalse(AuditChange.of(ORG, Action.SOMETHING_CHANGED).before(fields).changesNothing());
        assertEquals("SOMETHING_CHANGED", AuditChange.of(ORG, Action.SOMETHING_CHANGED).action());
    }
}
