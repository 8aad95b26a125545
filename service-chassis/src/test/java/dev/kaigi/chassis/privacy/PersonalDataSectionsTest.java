package dev.kaigi.chassis.privacy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SEC-04: how an export's sections are cut and named. */
class PersonalDataSectionsTest {

    @Test
    @DisplayName("SEC-04: a section read with one row more than its limit keeps the limit's rows and says it left some out")
    void cappedSaysWhenItLeftRowsOut() {
        Capped<Integer> over = Capped.of(List.of(5, 4, 3, 2), 3);
        assertEquals(List.of(5, 4, 3), over.items());
        assertTrue(over.truncated());
        Capped<Integer> exact = Capped.of(List.of(3, 2, 1), 3);
        assertEquals(List.of(3, 2, 1), exact.items());
        assertFalse(exact.truncated());
        assertEquals(List.of(), Capped.<Integer>none(3).items());
        assertEquals(3, exact.limit());
    }

    @Test
    @DisplayName("SEC-04: a column's name becomes the API's camel case")
    void columnsInCamelCase() {
        assertEquals("leadEmail", PersonalDataRows.camel("lead_email"));
        assertEquals("reminderMinutesBefore", PersonalDataRows.camel("reminder_minutes_before"));
        assertEquals("id", PersonalDataRows.camel("id"));
        assertEquals("day", PersonalDataRows.camel("day"));
    }

    @Test
    @DisplayName("SEC-04: a lead is compared trimmed and in lower case, and hashed as LeadErased.hashOf does")
    void leadQueryNormalizes() {
        LeadEmailQuery q = new LeadEmailQuery("Taro@Customer.Example");
        assertEquals("taro@customer.example", q.normalized());
        assertEquals(dev.kaigi.events.user.LeadErased.hashOf("taro@customer.example"), q.hash());
    }
}
