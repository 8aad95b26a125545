package dev.kaigi.licensing;

import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import dev.kaigi.licensing.orguser.OrgUserRepository;
import dev.kaigi.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Organizations, users and callers for licensing tests. */
@ApplicationScoped
public class LicensingFixtures {

    @Inject
    OrgUserRepository users;

    /** A user user-service has announced, as its events would have recorded them. */
    public UUID user(UUID orgId, UserType type) {
        UUID userId = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> users.upsert(orgId, userId, type, UserStatus.ACTIVE));
        return userId;
    }

    /** The user as user-deactivated would have left them. */
    public void deactivate(UUID orgId, UUID userId) {
        QuarkusTransaction.requiringNew().run(() -> users.setStatus(orgId, userId, UserStatus.DEACTIVATED));
    }

    public static RequestSpecification as(UUID orgId, String... roles) {
        return given().auth().oauth2(TestTokens.user(orgId, UUID.randomUUID(), roles)).contentType(ContentType.JSON);
    }

    public static RequestSpecification owner(UUID orgId) {
        return as(orgId, "owner");
    }

    public static RequestSpecification service() {
        return given().auth().oauth2(TestTokens.service("user-service")).contentType(ContentType.JSON);
    }

    /** Sets the organization's seats of {@code pool} to {@code purchased} (bootstrapping it). */
    public static void seats(UUID orgId, String pool, int purchased) {
        owner(orgId).body("{\"purchased\":" + purchased + "}").put("/api/v1/subscription/seats/" + pool)
                .then().statusCode(200);
    }

    public static void plan(UUID orgId, String plan) {
        owner(orgId).body("{\"plan\":\"" + plan + "\"}").put("/api/v1/subscription/plan").then().statusCode(200);
    }

    public static void teamLicences(UUID orgId, boolean enabled) {
        owner(orgId).body("{\"enabled\":" + enabled + "}").put("/api/v1/subscription/team-licences").then().statusCode(200);
    }
}
