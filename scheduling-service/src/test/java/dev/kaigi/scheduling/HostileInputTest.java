package dev.kaigi.scheduling;

import dev.kaigi.scheduling.SchedulingFixtures.Org;
import dev.kaigi.testsupport.TestTokens;
import dev.kaigi.testsupport.db.DatabaseSnapshot;
import dev.kaigi.testsupport.hostile.HostileInput;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static dev.kaigi.scheduling.BookingFixtures.at;
import static dev.kaigi.scheduling.BookingFixtures.bookingBody;
import static dev.kaigi.scheduling.BookingFixtures.host;
import static dev.kaigi.scheduling.BookingFixtures.meetingType;
import static dev.kaigi.scheduling.BookingFixtures.upcoming;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Generated bad requests against every write endpoint of the served OpenAPI document
 * (the public booking page and the manage link included), as an OWNER (the service token for the internal API), with ids
 * that exist; each is refused 4xx
 * problem+json and changes nothing. Every request comes from its own client address, so the public
 * pages' rate limit does not answer in the validation's place.
 */
@QuarkusTest
class HostileInputTest {

    private static final String ZONE = "Asia/Tokyo";

    @Inject
    AgroalDataSource db;

    @Test
    @DisplayName("Every bad request to a write endpoint is a 4xx problem+json and leaves the database unchanged")
    void badRequestsAreRefusedAndChangeNothing() {
        Org org = Org.create(ZONE);
        UUID host = host(org, ScheduleBody.in(ZONE));
        ExtractableResponse<Response> type = meetingType(org, "Hostile", 60, "PHONE", 60, host);
        ExtractableResponse<Response> booked = org.owner()
                .body(bookingBody(type.path("id"), at(upcoming(DayOfWeek.MONDAY, ZONE), "10:00", ZONE), "l@c.example"))
                .post("/api/v1/bookings").then().statusCode(201).extract();
        String booking = booked.path("id");
        String owner = TestTokens.user(org.id(), UUID.randomUUID(), "owner");
        DatabaseSnapshot.settled(db, Duration.ofMillis(300), Duration.ofSeconds(30));
        String service = TestTokens.service("user-service");
        HostileInput.of(op -> op.path().startsWith("/api/v1/internal/") ? service : owner, () -> DatabaseSnapshot.of(db))
                .pathParameters((path, name) -> switch (name) {
                    case "orgId" -> org.id().toString();
                    case "userId" -> host.toString();
                    case "publicId" -> type.path("publicBookingId");
                    case "token" -> booked.path("manageToken");
                    case "date" -> upcoming(DayOfWeek.MONDAY, ZONE).toString();
                    default -> path.startsWith("/api/v1/bookings") ? booking : type.path("id");
                })
                .assertEveryBadRequestIsRefusedAndChangesNothing();
    }

    @Test
    @DisplayName("AVL-06: the distribution report's hostile query values (control characters, SQL, huge or negative numbers, "
            + "dates out of range) are 400 problem+json")
    void distributionReportParameters() {
        Org org = Org.create(ZONE);
        UUID host = host(org, ScheduleBody.in(ZONE));
        String type = meetingType(org, "Hostile report", 60, "PHONE", 60, host).path("id");
        String from = "2026-12-01T00:00:00Z";
        String to = "2026-12-08T00:00:00Z";
        for (String query : List.of("from=%00&to=" + to, "from=" + from + "%27%20or%201=1--&to=" + to, "from=" + from + "&to=" + "9".repeat(1000),
                "from=-999999999-01-01T00:00:00Z&to=" + to, "from=" + from + "&to=+999999999-12-31T23:59:59Z",
                "from=" + from + "&to=" + to + "&page=-1", "from=" + from + "&to=" + to + "&size=100000",
                "from=" + from + "&to=" + to + "&format=csv%0d%0aX-Evil:%201",
                "from=" + from + "&to=" + to + "&format=CSV")) {
            Response r = given().urlEncodingEnabled(false).auth().oauth2(TestTokens.user(org.id(), UUID.randomUUID(), "owner"))
                    .get("/api/v1/meeting-types/" + type + "/distribution?" + query);
            assertEquals(400, r.statusCode(), query + ": " + r.asString());
            assertEquals("application/problem+json", r.contentType(), query);
        }
    }
}
