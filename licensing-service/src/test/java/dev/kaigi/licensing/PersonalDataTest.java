package dev.kaigi.licensing;

import dev.kaigi.events.internal.InternalPaths;
import dev.kaigi.events.user.UserType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.kaigi.licensing.LicensingFixtures.owner;
import static dev.kaigi.licensing.LicensingFixtures.seats;
import static dev.kaigi.licensing.LicensingFixtures.service;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** SEC-04: what licensing-service keeps about a user or a lead, for user-service's export. */
@QuarkusTest
class PersonalDataTest {

    @Inject
    LicensingFixtures fixtures;

    private static String userPath(UUID org, UUID user) {
        return InternalPaths.USER_PERSONAL_DATA.replace("{orgId}", org.toString()).replace("{userId}", user.toString());
    }

    private static String leadPath(UUID org) {
        return InternalPaths.LEAD_PERSONAL_DATA.replace("{orgId}", org.toString());
    }

    @Test
    @DisplayName("SEC-04: a user's data for user-service only (401 without a token, 403 for a user's): the user, the seat held and the seat history from the audit trail; an unknown user has empty sections")
    void sec04UserDataWithSeatHistory() {
        UUID org = UUID.randomUUID();
        seats(org, "REGULAR", 3);
        UUID user = fixtures.user(org, UserType.REGULAR);
        String first = owner(org).body("{\"userId\":\"" + user + "\",\"pool\":\"REGULAR\"}").post("/api/v1/seat-assignments")
                .then().statusCode(201).extract().path("id");
        owner(org).delete("/api/v1/seat-assignments/" + first).then().statusCode(204);
        String held = owner(org).body("{\"userId\":\"" + user + "\",\"pool\":\"REGULAR\"}").post("/api/v1/seat-assignments")
                .then().statusCode(201).extract().path("id");

        service().get(userPath(org, user)).then().statusCode(200)
                .body("user.userId", equalTo(user.toString())).body("user.status", equalTo("ACTIVE"))
                .body("seat.id", equalTo(held)).body("seat.pool", equalTo("REGULAR"))
                .body("auditEntries.items.action", contains("SEAT_ASSIGNED", "SEAT_UNASSIGNED", "SEAT_ASSIGNED"))
                .body("auditEntries.items.targetId", contains(held, first, first))
                .body("auditEntries.limit", equalTo(10_000)).body("auditEntries.truncated", equalTo(false));
        service().get(userPath(org, UUID.randomUUID())).then().statusCode(200)
                .body("user", nullValue()).body("seat", nullValue()).body("auditEntries.items.size()", equalTo(0));

        owner(org).get(userPath(org, user)).then().statusCode(403);
        given().get(userPath(org, user)).then().statusCode(401);
    }

    @Test
    @DisplayName("SEC-04: a lead's data is an empty object here; a malformed email is 400 naming the field; a user's token 403")
    void sec04LeadDataIsEmpty() {
        UUID org = UUID.randomUUID();
        service().body("{\"email\":\"taro@customer.example\"}").post(leadPath(org)).then().statusCode(200)
                .body("$", anEmptyMap());
        service().body("{\"email\":\"taro@\"}").post(leadPath(org)).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("email"));
        owner(org).body("{\"email\":\"taro@customer.example\"}").post(leadPath(org)).then().statusCode(403);
        given().contentType(ContentType.JSON).body("{\"email\":\"taro@customer.example\"}").post(leadPath(org))
                .then().statusCode(401);
    }
}
