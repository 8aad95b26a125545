package dev.kaigi.licensing;

import dev.kaigi.events.user.JoinedVia;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserJoined;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import dev.kaigi.events.user.UserUpdated;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestEvents;
import dev.kaigi.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** USR-02/LIF-01 here: authorization follows the role user-service announced, not the token's stale claim. */
@QuarkusTest
class StoredRoleTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static int setSeatsAs(UUID org, UUID user, String... roles) {
        return given().auth().oauth2(TestTokens.user(org, user, roles)).contentType(ContentType.JSON)
                .body("{\"purchased\":3}").put("/api/v1/subscription/seats/REGULAR").statusCode();
    }

    @Test
    @DisplayName("USR-02: a demoted OWNER loses owner rights as soon as the event is read, though the token still says owner")
    void demotedOwnerIsRefused() {
        UUID org = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        Await.until("an unknown user's token role to stand", () -> setSeatsAs(org, user, "owner") == 200, WAIT);

        TestEvents.publish(new UserJoined(org, user, "demoted@acme.example", "Sato", "Hana", Role.MEMBER, UserType.REGULAR,
                UserStatus.ACTIVE, JoinedVia.SAME_DOMAIN, null, null, null));
        Await.until("the stored MEMBER role to win over the token's owner", () -> setSeatsAs(org, user, "owner") == 403, WAIT);

        TestEvents.publish(new UserUpdated(org, user, "demoted@acme.example", "Sato", "Hana", Role.OWNER, UserType.REGULAR,
                null, null, null, List.of("role")));
        Await.until("the promotion to apply, even with a token saying member", () -> setSeatsAs(org, user, "member") == 200, WAIT);
    }
}
