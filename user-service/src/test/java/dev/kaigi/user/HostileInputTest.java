package dev.kaigi.user;

import dev.kaigi.testsupport.TestTokens;
import dev.kaigi.testsupport.db.DatabaseSnapshot;
import dev.kaigi.testsupport.hostile.HostileInput;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static dev.kaigi.user.UserFixtures.newOrganization;
import static io.restassured.RestAssured.given;

/**
 * Generated bad requests against every write endpoint of the served OpenAPI document,
 * REST as the super admin and SCIM as a partner with the {@code scim} scope, with ids that exist; each
 * is refused 4xx with problem+json (SCIM: its own error document, RFC 7644 §3.12) and changes nothing.
 */
@QuarkusTest
class HostileInputTest {

    private static final String SCIM = "application/scim+json";

    @Inject
    AgroalDataSource db;

    @Test
    @DisplayName("Every bad request to a write endpoint is a 4xx error document and leaves the database unchanged")
    void badRequestsAreRefusedAndChangeNothing() {
        UserFixtures.Org org = newOrganization();
        UUID member = org.addActive("MEMBER", "REGULAR");
        String team = org.asSuperAdmin().body("{\"name\":\"Hostile\"}").post("/api/v1/teams").then().statusCode(201).extract().path("id");
        String scim = TestTokens.partner(org.id(), "scim");
        String scimUser = given().auth().oauth2(scim).contentType(SCIM).body("""
                        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"h-%s@outside.example",
                         "name":{"familyName":"Sato","givenName":"Hana"},"active":true}""".formatted(UUID.randomUUID()))
                .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        String group = given().auth().oauth2(scim).contentType(SCIM)
                .body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"Hostile group\",\"members\":[]}")
                .post("/scim/v2/Groups").then().statusCode(201).extract().path("id");
        String superAdmin = TestTokens.user(org.id(), org.superAdmin(), "owner", "super_admin");
        DatabaseSnapshot.settled(db, Duration.ofMillis(300), Duration.ofSeconds(30));
        HostileInput.of(op -> op.path().startsWith("/scim/") ? scim : superAdmin, () -> DatabaseSnapshot.of(db))
                .errorMediaType("/scim/v2", SCIM)
                .pathParameters((path, name) -> {
                    if (path.startsWith("/scim/v2/Users")) {
                        return scimUser;
                    }
                    if (path.startsWith("/scim/v2/Groups")) {
                        return group;
                    }
                    return path.startsWith("/api/v1/teams") ? team : member.toString();
                })
                .assertEveryBadRequestIsRefusedAndChangesNothing();
    }
}
