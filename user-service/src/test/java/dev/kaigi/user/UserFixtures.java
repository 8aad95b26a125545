package dev.kaigi.user;

import dev.kaigi.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Organizations, users and callers for user-service tests, made through the public API. */
final class UserFixtures {

    private UserFixtures() {
    }

    /** A new organization: its super admin, their email domain, and its two system permission profiles. */
    record Org(UUID id, UUID superAdmin, String domain, UUID standardProfile, UUID teamProfile) {

        RequestSpecification as(UUID userId, String... roles) {
            return given().auth().oauth2(TestTokens.user(id, userId, roles)).contentType(ContentType.JSON);
        }

        RequestSpecification asSuperAdmin() {
            return as(superAdmin, "owner", "super_admin");
        }

        /** Adds a user with the super admin's domain, so they are ACTIVE at once (INV-04). */
        UUID addActive(String role, String userType) {
            return add("u" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain, role, userType);
        }

        /** Adds a user with an outside address: INVITED. */
        UUID addInvited(String role) {
            return add("guest" + UUID.randomUUID().toString().substring(0, 8) + "@outside.example", role, "REGULAR");
        }

        UUID add(String email, String role, String userType) {
            UUID profile = "TEAM".equals(userType) ? teamProfile : standardProfile;
            String id = asSuperAdmin().body("""
                            {"email":"%s","lastName":"Sato","firstName":"Hana","role":"%s","userType":"%s","permissionProfileId":"%s"}
                            """.formatted(email, role, userType, profile))
                    .post("/api/v1/users").then().statusCode(201).extract().path("id");
            return UUID.fromString(id);
        }

        /** licensing-service, as this organization's super admin. */
        RequestSpecification licensingAsOwner() {
            return licensing().auth().oauth2(TestTokens.user(id, superAdmin, "owner")).contentType(ContentType.JSON);
        }

        /** Sets this organization's regular seats in licensing-service. */
        void regularSeats(int purchased) {
            licensing().auth().oauth2(TestTokens.user(id, superAdmin, "owner")).contentType(ContentType.JSON)
                    .body("{\"purchased\":" + purchased + "}").put("/api/v1/subscription/seats/REGULAR").then().statusCode(200);
        }

        /** The STANDARD plan with team licences on and {@code quantity} team seats (BLK-03, LIC-05). */
        void teamSeats(int quantity) {
            licensingAsOwner().body("{\"plan\":\"STANDARD\"}").put("/api/v1/subscription/plan").then().statusCode(200);
            licensingAsOwner().body("{\"enabled\":true}").put("/api/v1/subscription/team-licences").then().statusCode(200);
            licensingAsOwner().body("{\"pool\":\"TEAM\",\"quantity\":" + quantity + "}").post("/api/v1/subscription/seats")
                    .then().statusCode(200);
        }

        int assignedSeats(String pool) {
            return licensing().auth().oauth2(TestTokens.user(id, superAdmin, "owner")).get("/api/v1/subscription")
                    .then().statusCode(200).extract().path("pools.find { it.pool == '" + pool + "' }.assigned");
        }
    }

    /** Signs up a new organization whose super admin has a fresh domain. */
    static Org newOrganization() {
        String domain = "acme-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        var created = given().auth().oauth2(TestTokens.signUp("ceo@" + domain)).contentType(ContentType.JSON)
                .body("{\"name\":\"Acme\",\"timeZone\":\"Asia/Tokyo\",\"lastName\":\"Tanaka\",\"firstName\":\"Ken\"}")
                .post("/api/v1/organizations").then().statusCode(201).extract();
        UUID org = UUID.fromString(created.path("id"));
        UUID admin = UUID.fromString(created.path("superAdminUserId"));
        var profiles = given().auth().oauth2(TestTokens.user(org, admin, "owner")).get("/api/v1/permission-profiles")
                .then().statusCode(200).extract();
        UUID standard = UUID.fromString(profiles.path("find { it.userType == 'REGULAR' }.id"));
        UUID team = UUID.fromString(profiles.path("find { it.userType == 'TEAM' }.id"));
        return new Org(org, admin, domain, standard, team);
    }

    static RequestSpecification licensing() {
        return RestAssured.given().baseUri(LicensingProcess.licensing.baseUri());
    }
}
