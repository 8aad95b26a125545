package dev.kaigi.testsupport.authz;

import dev.kaigi.events.user.JoinedVia;
import dev.kaigi.events.user.PermissionProfileSaved;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserJoined;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestEvents;
import dev.kaigi.testsupport.TestTokens;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * The {@link CallerKind#OWNER_WITHOUT_PROFILE_PERMISSIONS} of a service that keeps its copy of the permission
 * profiles from user-service's events (USR-07): the profile and the user are published as user-service would
 * publish them, and the service under test is asked ({@code GET /api/v1/caller}) until it applies them.
 */
public final class ProfilelessOwners {

    private ProfilelessOwners() {
    }

    /** A new OWNER of {@code org} whose permission profile grants nothing, known to the service under test. */
    public static UUID join(UUID org) {
        UUID profile = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        TestEvents.publish(new PermissionProfileSaved(org, profile, "Nothing granted", UserType.REGULAR, List.of()));
        TestEvents.publish(new UserJoined(org, owner, "narrowed-" + owner + "@example.com", "Narrowed", "Owner",
                Role.OWNER, UserType.REGULAR, UserStatus.ACTIVE, JoinedVia.INVITATION_ACCEPTED, null, null, null, null, profile));
        String token = TestTokens.user(org, owner, "owner");
        Await.until("the service applies the empty permission profile of " + owner, () -> {
            List<String> allowed = given().auth().oauth2(token).get("/api/v1/caller").then().extract().path("profilePermissions");
            return allowed != null && allowed.isEmpty();
        });
        return owner;
    }
}
