package dev.kaigi.integration;

import dev.kaigi.integration.slack.SlackText;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** INT-02: Slack's mention and escaping rules. */
class SlackTextTest {

    @Test
    void escapesOnlyAmpersandAndAngleBrackets() {
        assertEquals("A &amp; B &lt;@U123&gt; \"q\" 'x'", SlackText.escape("A & B <@U123> \"q\" 'x'"));
        assertEquals("&amp;amp;", SlackText.escape("&amp;"));
        assertEquals("", SlackText.escape(null));
    }

    @Test
    void mentionsOnlyWellFormedMemberIds() {
        assertEquals("<@U024BE7LH>", SlackText.mention("U024BE7LH"));
        assertTrue(SlackText.isMemberId("W012A3CDE"));
        assertFalse(SlackText.isMemberId("u024be7lh"));
        assertFalse(SlackText.isMemberId("U024>|<!channel"));
        assertFalse(SlackText.isMemberId("C024BE7LH"));
        assertThrows(IllegalArgumentException.class, () -> SlackText.mention("<!here>"));
    }
}
