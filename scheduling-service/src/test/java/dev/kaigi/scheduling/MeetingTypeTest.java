package dev.kaigi.scheduling;

import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserType;
import dev.kaigi.scheduling.SchedulingFixtures.Org;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** SCH-06: meeting types with duration, conferencing method, host pool and slot rules; MANAGER/OWNER write, members read. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeetingTypeTest {

    private static final String BODY = """
            {"name":"%s","durationMinutes":30,"conferencingMethod":"ZOOM","hostPool":[%s],"slotStepMinutes":15,
             "minimumNoticeMinutes":120,"bookingHorizonDays":30,"bufferBeforeMinutes":5,"bufferAfterMinutes":10,
             "reminderMinutesBefore":[1440,60]}""";

    private Org org;
    private UUID alice;
    private UUID bob;
    private UUID teamUser;

    /** One organization for the class, made in the first test (RestAssured is ready only then). */
    @BeforeEach
    void organization() {
        if (org != null) {
            return;
        }
        org = Org.create("Asia/Kolkata");
        alice = org.join(Role.MEMBER, UserType.REGULAR);
        bob = org.join(Role.MANAGER, UserType.REGULAR);
        teamUser = org.join(Role.MEMBER, UserType.TEAM);
        org.await(alice, bob, teamUser);
    }

    private static String body(String name, UUID... pool) {
        return BODY.formatted(name, SchedulingFixtures.jsonIds(pool));
    }

    @Test
    @DisplayName("SCH-06 with Idempotency-Key: a retried creation answers the first meeting type (same id and ETag), another body under the key is 422")
    void retriedCreationAnswersTheFirst() {
        String key = "type-" + UUID.randomUUID();
        String name = "Retried " + key;
        var first = org.manager().header("Idempotency-Key", key).body(body(name, alice)).post("/api/v1/meeting-types")
                .then().statusCode(201).extract();
        var retry = org.manager().header("Idempotency-Key", key).body(body(name, alice)).post("/api/v1/meeting-types")
                .then().statusCode(201).header("Idempotent-Replayed", "true").extract();
        assertEquals(first.<String>path("id"), retry.<String>path("id"));
        assertEquals(first.header("ETag"), retry.header("ETag"));
        org.manager().header("Idempotency-Key", key).body(body(name + " changed", alice)).post("/api/v1/meeting-types")
                .then().statusCode(422).body("code", equalTo("idempotency-key-reused"));
    }

    @Test
    @DisplayName("SCH-06: a MANAGER creates, members read, ETag/If-Match guard the update, the public id is random and stays")
    void lifecycle() {
        var created = org.manager().body(body("Demo", alice, bob)).post("/api/v1/meeting-types").then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/meeting-types/[0-9a-f-]{36}"))
                .body("name", equalTo("Demo")).body("durationMinutes", equalTo(30))
                .body("conferencingMethod", equalTo("ZOOM"))
                .body("hostPool", contains(alice.toString(), bob.toString()))
                .body("slotStepMinutes", equalTo(15)).body("minimumNoticeMinutes", equalTo(120))
                .body("bookingHorizonDays", equalTo(30)).body("bufferBeforeMinutes", equalTo(5)).body("bufferAfterMinutes", equalTo(10))
                .body("reminderMinutesBefore", contains(60, 1440))
                .body("publicBookingId", matchesPattern("[A-Za-z0-9_-]{22}"))
                .extract();
        String id = created.path("id");
        String publicId = created.path("publicBookingId");
        String etag = created.header("ETag");

        org.as(alice, "restricted").get("/api/v1/meeting-types/" + id).then().statusCode(200)
                .header("ETag", equalTo(etag)).body("publicBookingId", equalTo(publicId));
        org.as(alice, "member").body(body("Mine")).post("/api/v1/meeting-types").then().statusCode(403);
        org.as(alice, "member").header("If-Match", etag).body(body("Mine")).put("/api/v1/meeting-types/" + id).then().statusCode(403);
        org.as(alice, "member").delete("/api/v1/meeting-types/" + id).then().statusCode(403);

        String newEtag = org.owner().header("If-Match", etag)
                .body(body("Demo 2", bob).replace("\"ZOOM\"", "\"IN_PERSON\"").replace("\"slotStepMinutes\":15", "\"slotStepMinutes\":60"))
                .put("/api/v1/meeting-types/" + id).then().statusCode(200)
                .body("name", equalTo("Demo 2")).body("conferencingMethod", equalTo("IN_PERSON"))
                .body("hostPool", contains(bob.toString())).body("slotStepMinutes", equalTo(60))
                .body("publicBookingId", equalTo(publicId))
                .extract().header("ETag");
        assertNotEquals(etag, newEtag);
        // only the pool changes: still a new version
        String poolEtag = org.owner().header("If-Match", newEtag)
                .body(body("Demo 2", alice, bob).replace("\"ZOOM\"", "\"IN_PERSON\"").replace("\"slotStepMinutes\":15", "\"slotStepMinutes\":60"))
                .put("/api/v1/meeting-types/" + id).then().statusCode(200).body("hostPool", hasSize(2)).extract().header("ETag");
        assertNotEquals(newEtag, poolEtag);
        org.owner().header("If-Match", etag).body(body("Stale")).put("/api/v1/meeting-types/" + id).then().statusCode(412);
        org.owner().body(body("No If-Match")).put("/api/v1/meeting-types/" + id).then().statusCode(428);

        String other = org.manager().body(body("Other")).post("/api/v1/meeting-types").then().statusCode(201)
                .extract().path("publicBookingId");
        assertNotEquals(publicId, other);
        org.manager().body(body("Other")).post("/api/v1/meeting-types").then().statusCode(409)
                .body("code", equalTo("meeting-type-name-taken"));

        org.manager().delete("/api/v1/meeting-types/" + id).then().statusCode(204);
        org.manager().get("/api/v1/meeting-types/" + id).then().statusCode(404);
    }

    @Test
    @DisplayName("SCH-06, ORG-01: another organization's meeting types are 404 and never listed")
    void otherOrganizations() {
        String id = org.owner().body(body("Private " + UUID.randomUUID())).post("/api/v1/meeting-types").then().statusCode(201)
                .extract().path("id");
        Org stranger = new Org(UUID.randomUUID(), "Asia/Tokyo");
        stranger.owner().get("/api/v1/meeting-types/" + id).then().statusCode(404);
        stranger.owner().header("If-Match", "\"0\"").body(body("Taken")).put("/api/v1/meeting-types/" + id).then().statusCode(404);
        stranger.owner().delete("/api/v1/meeting-types/" + id).then().statusCode(404);
        stranger.owner().get("/api/v1/meeting-types").then().statusCode(200).body("totalItems", equalTo(0));
        org.owner().get("/api/v1/meeting-types/" + id).then().statusCode(200);
        io.restassured.RestAssured.given().get("/api/v1/meeting-types").then().statusCode(401);
    }

    @Test
    @DisplayName("SCH-06: lists page in creation order with a hard maximum page size")
    void paging() {
        Org own = Org.create("Asia/Kolkata");
        for (int i = 0; i < 3; i++) {
            own.manager().body(body("Type " + i)).post("/api/v1/meeting-types").then().statusCode(201);
        }
        own.as(UUID.randomUUID(), "member").queryParam("size", 2).get("/api/v1/meeting-types").then().statusCode(200)
                .body("items.name", contains("Type 0", "Type 1")).body("totalItems", equalTo(3)).body("totalPages", equalTo(2));
        own.owner().queryParam("size", 2).queryParam("page", 1).get("/api/v1/meeting-types").then()
                .body("items.name", contains("Type 2"));
        own.owner().queryParam("size", 201).get("/api/v1/meeting-types").then().statusCode(400);
    }

    @ParameterizedTest(name = "SCH-06 bad input {0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "duration 0            | durationMinutes      | \"durationMinutes\":30          | \"durationMinutes\":0",
            "duration 1.5          | durationMinutes      | \"durationMinutes\":30          | \"durationMinutes\":1.5",
            "duration too long     | durationMinutes      | \"durationMinutes\":30          | \"durationMinutes\":481",
            "slot step 20          | slotStepMinutes      | \"slotStepMinutes\":15          | \"slotStepMinutes\":20",
            "unknown method        | conferencingMethod   | \"ZOOM\"                        | \"SKYPE\"",
            "negative notice       | minimumNoticeMinutes | \"minimumNoticeMinutes\":120    | \"minimumNoticeMinutes\":-1",
            "horizon 0             | bookingHorizonDays   | \"bookingHorizonDays\":30       | \"bookingHorizonDays\":0",
            "buffer too long       | bufferAfterMinutes   | \"bufferAfterMinutes\":10       | \"bufferAfterMinutes\":241",
            "blank name            | name                 | \"name\":\"Bad\"                | \"name\":\" \"",
            "reminder 1 min before | reminderMinutesBefore[1] | [1440,60]                 | [1440,1]",
            "reminder 31 days      | reminderMinutesBefore[0] | [1440,60]                 | [44640,60]",
            "reminder twice        | reminderMinutesBefore[1] | [1440,60]                 | [60,60]",
            "six reminders         | reminderMinutesBefore    | [1440,60]                 | [5,10,15,20,25,30]",
            "reminder not a number | reminderMinutesBefore    | [1440,60]                 | \"soon\"",
    })
    void badFields(String label, String field, String from, String to) {
        org.owner().body(body("Bad").replace(from, to)).post("/api/v1/meeting-types").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field));
    }

    @Test
    @DisplayName("SCH-06/SCH-07: the pool takes only regular members of the organization, each once; errors name hostPool[i]")
    void hostPoolMembers() {
        Org other = Org.create("Asia/Kolkata");
        UUID foreign = other.member();
        org.owner().body(body("Pool", alice, foreign, UUID.randomUUID(), teamUser, alice)).post("/api/v1/meeting-types").then()
                .statusCode(400)
                .body("errors.find { it.field == 'hostPool[1]' }.code", equalTo("unknown-reference"))
                .body("errors.find { it.field == 'hostPool[2]' }.code", equalTo("unknown-reference"))
                .body("errors.find { it.field == 'hostPool[3]' }.code", equalTo("not-a-host"))
                .body("errors.find { it.field == 'hostPool[4]' }.code", equalTo("duplicate"))
                .body("errors.field", not(hasItem("hostPool[0]")));
        org.owner().header("Accept-Language", "ja").body(body("Pool", foreign)).post("/api/v1/meeting-types").then()
                .statusCode(400).body("errors[0].message", equalTo("組織内に該当するユーザーがいません。"));
        org.owner().get("/api/v1/meeting-types").then().body("items.name", not(hasItem("Pool")));
    }
}
