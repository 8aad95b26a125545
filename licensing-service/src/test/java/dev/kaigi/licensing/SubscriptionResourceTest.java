package dev.kaigi.licensing;

import dev.kaigi.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.UUID;

import static dev.kaigi.licensing.LicensingFixtures.as;
import static dev.kaigi.licensing.LicensingFixtures.owner;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** /api/v1/subscription: plans, licences and purchased seats (LIC-01, LIC-02, LIC-03). */
@QuarkusTest
class SubscriptionResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    @DisplayName("LIC-01: a new organization starts on FREE with 5 regular seats and no team seats")
    void newOrganizationGetsFreeSubscription() {
        UUID org = UUID.randomUUID();
        as(org, "member").get("/api/v1/subscription").then()
                .statusCode(200)
                .header("ETag", notNullValue())
                .body("orgId", equalTo(org.toString()))
                .body("plan", equalTo("FREE"))
                .body("teamLicencesEnabled", equalTo(false))
                .body("teamLicencesAvailableOnPlan", equalTo(false))
                .body("pools.find { it.pool == 'REGULAR' }.purchased", equalTo(5))
                .body("pools.find { it.pool == 'REGULAR' }.assigned", equalTo(0))
                .body("pools.find { it.pool == 'REGULAR' }.available", equalTo(5))
                .body("pools.find { it.pool == 'TEAM' }.purchased", equalTo(0));
    }

    @Test
    @DisplayName("LIC-01: an OWNER purchases more seats")
    void ownerPurchasesSeats() {
        UUID org = UUID.randomUUID();
        owner(org).body("{\"pool\":\"REGULAR\",\"quantity\":10}").post("/api/v1/subscription/seats").then()
                .statusCode(200)
                .body("pools.find { it.pool == 'REGULAR' }.purchased", equalTo(15))
                .body("pools.find { it.pool == 'REGULAR' }.available", equalTo(15));
        owner(org).get("/api/v1/subscription").then()
                .body("pools.find { it.pool == 'REGULAR' }.purchased", equalTo(15));
    }

    @ParameterizedTest
    @ValueSource(strings = {"manager", "member", "restricted"})
    @DisplayName("LIC-03: only an OWNER changes seats, plan or licences")
    void nonOwnersAreRefused(String role) {
        UUID org = UUID.randomUUID();
        as(org, role).body("{\"pool\":\"REGULAR\",\"quantity\":1}").post("/api/v1/subscription/seats").then()
                .statusCode(403).contentType(PROBLEM).body("code", equalTo("forbidden"));
        as(org, role).body("{\"purchased\":50}").put("/api/v1/subscription/seats/REGULAR").then().statusCode(403);
        as(org, role).body("{\"plan\":\"ULTIMATE\"}").put("/api/v1/subscription/plan").then().statusCode(403);
        as(org, role).body("{\"enabled\":true}").put("/api/v1/subscription/team-licences").then().statusCode(403);
        owner(org).get("/api/v1/subscription").then()
                .body("plan", equalTo("FREE"))
                .body("pools.find { it.pool == 'REGULAR' }.purchased", equalTo(5));
    }

    @Test
    void tokensAreRequired() {
        given().get("/api/v1/subscription").then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.expired(UUID.randomUUID(), UUID.randomUUID(), "owner"))
                .get("/api/v1/subscription").then().statusCode(401);
        // a service account has no organization of its own
        given().auth().oauth2(TestTokens.service("user-service")).get("/api/v1/subscription").then().statusCode(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"pool\":\"REGULAR\",\"quantity\":0}", "{\"pool\":\"REGULAR\",\"quantity\":-3}",
            "{\"pool\":\"REGULAR\"}", "{\"pool\":\"REGULAR\",\"quantity\":100001}"})
    @DisplayName("zero, negative, missing or absurd purchases are refused naming quantity, and change nothing")
    void badQuantitiesAreRefused(String body) {
        UUID org = UUID.randomUUID();
        owner(org).body(body).post("/api/v1/subscription/seats").then()
                .statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors[0].field", equalTo("quantity"));
        owner(org).get("/api/v1/subscription").then().body("pools.find { it.pool == 'REGULAR' }.purchased", equalTo(5));
    }

    @Test
    void unknownPoolsPlansAndFieldsAreRefusedByName() {
        UUID org = UUID.randomUUID();
        owner(org).header("Accept-Language", "ja").body("{\"pool\":\"GOLD\",\"quantity\":1}").post("/api/v1/subscription/seats").then()
                .statusCode(400).body("errors[0].field", equalTo("pool")).body("errors[0].message", equalTo("値または型が不正です。"));
        owner(org).body("{\"plan\":\"PLATINUM\"}").put("/api/v1/subscription/plan").then()
                .statusCode(400).body("errors[0].field", equalTo("plan"));
        owner(org).body("{\"plan\":\"STANDARD\",\"orgId\":\"" + UUID.randomUUID() + "\"}").put("/api/v1/subscription/plan").then()
                .statusCode(400).body("errors[0].field", equalTo("orgId")).body("errors[0].code", equalTo("unknown-property"));
        owner(org).body("{\"plan\":").put("/api/v1/subscription/plan").then()
                .statusCode(400).body("code", equalTo("malformed-json"));
        owner(org).body("{\"purchased\":3}").put("/api/v1/subscription/seats/GOLD").then()
                .statusCode(anyOf4xx()).contentType(PROBLEM);
        owner(org).get("/api/v1/subscription").then().body("plan", equalTo("FREE"));
    }

    private static org.hamcrest.Matcher<Integer> anyOf4xx() {
        return org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(400))
                .and(org.hamcrest.Matchers.lessThan(500));
    }

    @Test
    @DisplayName("LIC-02: team-user licences and team seats need STANDARD or above")
    void teamLicencesNeedAPaidPlan() {
        UUID org = UUID.randomUUID();
        owner(org).body("{\"enabled\":true}").put("/api/v1/subscription/team-licences").then()
                .statusCode(409).contentType(PROBLEM).body("code", equalTo("team-licences-unavailable-on-plan"))
                .body("detail", containsString("FREE"));
        owner(org).body("{\"pool\":\"TEAM\",\"quantity\":3}").post("/api/v1/subscription/seats").then()
                .statusCode(409).body("code", equalTo("team-licences-unavailable-on-plan"));
        LicensingFixtures.plan(org, "STANDARD");
        owner(org).body("{\"enabled\":true}").put("/api/v1/subscription/team-licences").then()
                .statusCode(200).body("teamLicencesEnabled", equalTo(true)).body("teamLicencesAvailableOnPlan", equalTo(true));
        owner(org).body("{\"pool\":\"TEAM\",\"quantity\":3}").post("/api/v1/subscription/seats").then()
                .statusCode(200).body("pools.find { it.pool == 'TEAM' }.purchased", equalTo(3));
    }

    @Test
    @DisplayName("a stale If-Match is refused with 412 and changes nothing; the current one works")
    void optimisticConcurrency() {
        UUID org = UUID.randomUUID();
        String etag = owner(org).get("/api/v1/subscription").then().extract().header("ETag");
        String next = owner(org).header("If-Match", etag).body("{\"plan\":\"STANDARD\"}").put("/api/v1/subscription/plan").then()
                .statusCode(200).header("ETag", not(equalTo(etag))).extract().header("ETag");
        owner(org).header("If-Match", etag).body("{\"plan\":\"ULTIMATE\"}").put("/api/v1/subscription/plan").then()
                .statusCode(412).contentType(PROBLEM).body("code", equalTo("precondition-failed"));
        owner(org).header("If-Match", next).body("{\"plan\":\"ENTERPRISE\"}").put("/api/v1/subscription/plan").then()
                .statusCode(200).body("plan", equalTo("ENTERPRISE"));
    }

    @Test
    @DisplayName("LIC-03: seats can be reduced only down to the assigned count")
    void reductionStopsAtAssigned() {
        UUID org = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            LicensingFixtures.service().body("{\"pool\":\"REGULAR\"}")
                    .put("/api/v1/internal/organizations/" + org + "/users/" + UUID.randomUUID() + "/seat").then().statusCode(200);
        }
        owner(org).body("{\"purchased\":2}").put("/api/v1/subscription/seats/REGULAR").then()
                .statusCode(409).contentType(PROBLEM).body("code", equalTo("seats-below-assigned"))
                .body("detail", equalTo("Cannot reduce to 2 seats: 3 are assigned. Unassign seats first."));
        owner(org).body("{\"purchased\":3}").put("/api/v1/subscription/seats/REGULAR").then()
                .statusCode(200)
                .body("pools.find { it.pool == 'REGULAR' }.purchased", equalTo(3))
                .body("pools.find { it.pool == 'REGULAR' }.available", equalTo(0));
        owner(org).contentType(ContentType.JSON).body("{\"purchased\":-1}").put("/api/v1/subscription/seats/REGULAR").then()
                .statusCode(400).body("errors[0].field", equalTo("purchased"));
    }
}
