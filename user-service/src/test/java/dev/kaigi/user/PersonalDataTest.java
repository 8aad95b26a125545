package dev.kaigi.user;

import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.events.user.LeadErased;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.ReceivedEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static dev.kaigi.user.PeerFixtures.WAIT;
import static dev.kaigi.user.PeerFixtures.awaitKnown;
import static dev.kaigi.user.PeerFixtures.book;
import static dev.kaigi.user.PeerFixtures.host;
import static dev.kaigi.user.PeerFixtures.meetingType;
import static dev.kaigi.user.PeerFixtures.scheduling;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SEC-04 through the real services: one export gathered from all four, and a lead erased everywhere. */
@QuarkusTest
@QuarkusTestResource(value = PeerServicesProcess.class, restrictToAnnotatedClass = true)
class PersonalDataTest {

    private static final List<String> SERVICES = List.of("user-service", "licensing-service", "scheduling-service", "integration-service");

    @Test
    @DisplayName("SEC-04: an OWNER exports a user's data as one document with a section from each of the four services, audited, without secrets")
    void userExport() {
        UserFixtures.Org org = UserFixtures.newOrganization();
        UUID user = org.addActive("MEMBER", "REGULAR");
        UUID invited = org.addInvited("MEMBER");
        awaitKnown(org, user);
        host(org, user);
        String type = meetingType(org, "Demo", user);
        String booking = book(org, type, "11:00", "buyer@customer.example");

        String document = org.asSuperAdmin().body("{\"userId\":\"" + user + "\"}").post("/api/v1/personal-data/exports")
                .then().statusCode(200).body("subject.userId", equalTo(user.toString()))
                .body("organizationId", equalTo(org.id().toString()))
                .extract().asString();
        JsonPath json = JsonPath.from(document);
        assertEquals(SERVICES, List.copyOf(json.getMap("services").keySet()));
        assertEquals(user.toString(), json.getString("services.'user-service'.account.id"));
        assertTrue(document.contains(booking), "scheduling-service's section holds the meeting the user hosts");
        assertTrue(document.contains(type), "and the pool they are in");
        String invitedExport = org.asSuperAdmin().body("{\"userId\":\"" + invited + "\"}").post("/api/v1/personal-data/exports")
                .then().statusCode(200).body("services.'user-service'.invitations.size()", equalTo(1)).extract().asString();
        assertFalse(invitedExport.contains("token_hash"), "no invitation token hash leaves user-service");
        org.asSuperAdmin().queryParam("action", "PERSONAL_DATA_EXPORTED").get("/api/v1/audit-events").then()
                .body("items.targetUserId", hasItem(user.toString()));
    }

    @Test
    @DisplayName("SEC-04: a lead is erased everywhere: the booking keeps its time and host and loses the person; the erasure names the lead by hash only")
    void leadErasure() {
        UserFixtures.Org org = UserFixtures.newOrganization();
        UUID user = org.addActive("MEMBER", "REGULAR");
        awaitKnown(org, user);
        host(org, user);
        String type = meetingType(org, "Demo", user);
        String email = "Erase.Me@Customer.example";
        String booking = book(org, type, "13:00", email);
        String kept = book(org, type, "15:00", "someone-else@customer.example");
        String before = org.asSuperAdmin().body("{\"leadEmail\":\"" + email + "\"}").post("/api/v1/personal-data/exports")
                .then().statusCode(200).extract().asString();
        assertTrue(before.contains(booking), "the lead's export holds their booking");
        assertFalse(before.contains(kept), "and no other lead's");

        String erasure;
        try (EventProbe events = EventProbe.open(Topics.USER)) {
            erasure = org.asSuperAdmin().body("{\"email\":\"" + email + "\"}").post("/api/v1/personal-data/lead-erasures")
                    .then().statusCode(202).body("leadEmailHash", equalTo(LeadErased.hashOf("erase.me@customer.example")))
                    .extract().path("id");
            ReceivedEvent erased = events.await(EventTypes.LEAD_ERASED, org.id().toString(), WAIT);
            assertEquals(erasure, erased.data().get("erasureId").asText());
            assertFalse(erased.data().toString().toLowerCase().contains("erase.me"), "the event does not carry the address");
        }
        Await.until("scheduling-service forgot the lead", () -> !String.valueOf(
                scheduling(org).get("/api/v1/bookings/" + booking).then().extract().asString()).toLowerCase().contains("erase.me"), WAIT);
        scheduling(org).get("/api/v1/bookings/" + booking).then().statusCode(200)
                .body("hostUserId", equalTo(user.toString())).body("status", equalTo("BOOKED"));
        scheduling(org).get("/api/v1/bookings/" + kept).then().body("leadEmail", equalTo("someone-else@customer.example"));
        Await.until("no service holds the lead any more", () -> {
            String after = org.asSuperAdmin().body("{\"leadEmail\":\"" + email + "\"}").post("/api/v1/personal-data/exports")
                    .then().statusCode(200).extract().jsonPath().prettify();
            return !JsonPath.from(after).getString("services").toLowerCase().contains("erase.me");
        }, WAIT);
        org.asSuperAdmin().get("/api/v1/personal-data/lead-erasures").then().statusCode(200)
                .body("items[0].id", equalTo(erasure)).body("totalItems", equalTo(1));
        org.asSuperAdmin().queryParam("action", "LEAD_ERASED").get("/api/v1/audit-events").then()
                .body("items[0].after.erasureId", equalTo(erasure));
    }

    @Test
    @DisplayName("SEC-04: only OWNERs; exactly one subject; a malformed email, a foreign or unknown user are refused and nothing is erased")
    void refusals() {
        UserFixtures.Org org = UserFixtures.newOrganization();
        UserFixtures.Org other = UserFixtures.newOrganization();
        UUID member = org.addActive("MEMBER", "REGULAR");
        org.as(member, "member").body("{\"userId\":\"" + member + "\"}").post("/api/v1/personal-data/exports").then().statusCode(403);
        org.as(member, "member").body("{\"email\":\"a@b.example\"}").post("/api/v1/personal-data/lead-erasures").then().statusCode(403);
        org.as(member, "member").get("/api/v1/personal-data/lead-erasures").then().statusCode(403);
        org.asSuperAdmin().body("{}").post("/api/v1/personal-data/exports").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("userId"));
        org.asSuperAdmin().body("{\"userId\":\"" + member + "\",\"leadEmail\":\"a@b.example\"}").post("/api/v1/personal-data/exports")
                .then().statusCode(400);
        org.asSuperAdmin().body("{\"leadEmail\":\"not an email\"}").post("/api/v1/personal-data/exports").then().statusCode(400)
                .body("errors[0].field", equalTo("leadEmail"));
        org.asSuperAdmin().body("{\"userId\":\"" + other.superAdmin() + "\"}").post("/api/v1/personal-data/exports").then().statusCode(404);
        org.asSuperAdmin().body("{\"userId\":\"" + UUID.randomUUID() + "\"}").post("/api/v1/personal-data/exports").then().statusCode(404);
        org.asSuperAdmin().body("{\"email\":\"bad\\u0000@x\"}").post("/api/v1/personal-data/lead-erasures").then().statusCode(400);
        org.asSuperAdmin().header("Accept-Language", "ja").body("{}").post("/api/v1/personal-data/lead-erasures").then().statusCode(400)
                .body("errors[0].field", equalTo("email"));
        org.asSuperAdmin().get("/api/v1/personal-data/lead-erasures").then().body("totalItems", equalTo(0));
    }
}
