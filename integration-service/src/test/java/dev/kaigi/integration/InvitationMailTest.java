package dev.kaigi.integration;

import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserInvited;
import dev.kaigi.events.user.UserType;
import dev.kaigi.integration.simulators.ProviderSimulators;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** INV-01, INV-03, INT-05: the invitation mail with its accept and decline links, in Japanese and English. */
@QuarkusTest
class InvitationMailTest {

    private static final Instant EXPIRES = Instant.parse("2030-04-08T03:00:00Z");

    private static UserInvited invitation(UUID org, UUID user, String email, String token, String locale) {
        return new UserInvited(org, "株式会社アクメ", user, email, "佐藤", "花子", Role.MEMBER, UserType.REGULAR,
                UUID.randomUUID(), token, EXPIRES, locale);
    }

    @Test
    @DisplayName("INV-01, INT-05: Japanese invitation mail with accept/decline links; redelivery sends no second mail")
    void japaneseInvitation() throws Exception {
        UUID org = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        String email = "hanako-" + user + "@acme.test";
        String token = "tok_" + UUID.randomUUID();
        UUID eventId = TestEvents.publish(invitation(org, user, email, token, "ja"));
        Await.until("invitation mail", () -> ProviderSimulators.mailsTo(email).size() == 1, Duration.ofSeconds(60));
        MimeMessage mail = ProviderSimulators.mailsTo(email).get(0);
        assertEquals("【Kaigi】株式会社アクメ への招待", mail.getSubject());
        String body = Mails.text(mail);
        assertTrue(body.startsWith("佐藤 花子 様"), body);
        assertTrue(body.contains("承認する: https://app.kaigi.test/invitations/" + token + "/accept"), body);
        assertTrue(body.contains("辞退する: https://app.kaigi.test/invitations/" + token + "/decline"), body);
        assertTrue(body.contains("2030年4月8日(月) 12:00 まで有効"), body);

        TestEvents.publish(eventId, invitation(org, user, email, token, "ja")); // the same event again
        TestEvents.publish(invitation(org, user, email, token, "ja"));          // the same invitation, another event id
        UUID marker = UUID.randomUUID();
        String markerEmail = "marker-" + marker + "@acme.test";
        TestEvents.publish(invitation(org, marker, markerEmail, "tok_" + marker, "ja"));
        Await.until("a later invitation mailed", () -> ProviderSimulators.mailsTo(markerEmail).size() == 1,
                Duration.ofSeconds(60));
        Thread.sleep(300);
        assertEquals(1, ProviderSimulators.mailsTo(email).size());
    }

    @Test
    @DisplayName("INV-03, INT-05: English invitation; a re-invitation (new token) is a new mail with the new link")
    void englishInvitationAndResend() throws Exception {
        UUID org = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        String email = "hanako-" + user + "@acme.test";
        String first = "tok_" + UUID.randomUUID();
        TestEvents.publish(invitation(org, user, email, first, "en"));
        Await.until("invitation mail", () -> ProviderSimulators.mailsTo(email).size() == 1, Duration.ofSeconds(60));
        MimeMessage mail = ProviderSimulators.mailsTo(email).get(0);
        assertEquals("[Kaigi] Invitation to 株式会社アクメ", mail.getSubject());
        String body = Mails.text(mail);
        assertTrue(body.startsWith("Dear 花子 佐藤,"), body);
        assertTrue(body.contains("Accept: https://app.kaigi.test/invitations/" + first + "/accept"), body);
        assertTrue(body.contains("Decline: https://app.kaigi.test/invitations/" + first + "/decline"), body);
        assertTrue(body.contains("valid until Mon, Apr 8, 2030 03:00 UTC"), body);

        String second = "tok_" + UUID.randomUUID();
        TestEvents.publish(invitation(org, user, email, second, "en"));
        Await.until("second invitation mail", () -> ProviderSimulators.mailsTo(email).size() == 2, Duration.ofSeconds(60));
        String resent = ProviderSimulators.mailsTo(email).stream().map(m -> {
            try {
                return Mails.text(m);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(t -> t.contains(second)).findFirst().orElseThrow();
        assertFalse(resent.contains(first), "the new mail carries only the new link");
    }
}
