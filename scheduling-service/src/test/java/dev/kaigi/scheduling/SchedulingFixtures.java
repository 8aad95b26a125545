package dev.kaigi.scheduling;

import dev.kaigi.events.user.JoinedVia;
import dev.kaigi.events.user.OrganizationCreated;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserJoined;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestEvents;
import dev.kaigi.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Organizations, users and callers for scheduling tests, made the way production makes them: through user-service's events. */
final class SchedulingFixtures {

    static final Duration WAIT = Duration.ofSeconds(30);
    /** The customer-facing contact (USR-08) of every user the fixtures announce. */
    static final String CONTACT = "Sales desk: 03-1234-5678 (weekdays 9-18)";

    /** A full week in JSON with Monday's cap and Tuesday's breaks given; the rest Mon–Fri 09–18 with a lunch break. */
    static final String WEEK = """
            {"timeZone":"%s","opportunityCap":%s,"weekdays":[
             {"day":"MONDAY","enabled":true,"start":"09:00","end":"18:00","breaks":[{"start":"12:00","end":"13:00"}],"dailyCap":%s},
             {"day":"TUESDAY","enabled":true,"start":"10:00","end":"19:00","breaks":%s,"dailyCap":null},
             {"day":"WEDNESDAY","enabled":true,"start":"09:00","end":"18:00","breaks":[{"start":"12:00","end":"13:00"}],"dailyCap":null},
             {"day":"THURSDAY","enabled":true,"start":"09:00","end":"18:00","breaks":[],"dailyCap":null},
             {"day":"FRIDAY","enabled":true,"start":"09:00","end":"18:00","breaks":[],"dailyCap":null},
             {"day":"SATURDAY","enabled":false,"start":null,"end":null,"breaks":[],"dailyCap":null},
             {"day":"SUNDAY","enabled":false,"start":null,"end":null,"breaks":[],"dailyCap":null}]}""";

    private SchedulingFixtures() {
    }

    static String week(String zone, String opportunityCap, String mondayCap, String tuesdayBreaks) {
        return WEEK.formatted(zone, opportunityCap, mondayCap, tuesdayBreaks);
    }

    /** {@code "id1","id2"}: the inside of a JSON array of user ids. */
    static String jsonIds(UUID... ids) {
        return java.util.Arrays.stream(ids).map(id -> "\"" + id + "\"").collect(java.util.stream.Collectors.joining(","));
    }

    /** The first column of the first row of {@code sql}, as text. */
    static String sqlValue(javax.sql.DataSource db, String sql) {
        try (var c = db.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static String validWeek() {
        return week("Europe/Berlin", "5", "3", "[{\"start\":\"12:00\",\"end\":\"12:30\"},{\"start\":\"15:00\",\"end\":\"15:15\"}]");
    }

    /** An organization user-service announced, with its zone. */
    record Org(UUID id, String zone) {

        static Org create(String zone) {
            Org org = new Org(UUID.randomUUID(), zone);
            TestEvents.publish(new OrganizationCreated(org.id, "Acme", UUID.randomUUID(), "ceo@acme.example", zone));
            Await.until("organization-created applied", () -> zone.equals(
                    org.owner().get("/api/v1/organization/default-work-schedule").then().extract().path("timeZone")), WAIT);
            return org;
        }

        /** A user of this organization as user-service announces them, with {@link #CONTACT}; call {@link #await} first. */
        UUID join(Role role, UserType type) {
            UUID user = UUID.randomUUID();
            TestEvents.publish(new UserJoined(id, user, "u" + user.toString().substring(0, 8) + "@acme.example", "Sato", "Hana",
                    role, type, UserStatus.ACTIVE, JoinedVia.SAME_DOMAIN, null, null, null, CONTACT));
            return user;
        }

        /** A joined, active regular MEMBER whose schedule exists. */
        UUID member() {
            UUID user = join(Role.MEMBER, UserType.REGULAR);
            await(user);
            return user;
        }

        /** Waits until this service knows the users (their schedules exist). */
        void await(UUID... users) {
            for (UUID user : users) {
                Await.until("user " + user + " known", () ->
                        owner().get("/api/v1/users/" + user + "/work-schedule").statusCode() == 200, WAIT);
            }
        }

        RequestSpecification as(UUID user, String... roles) {
            return given().auth().oauth2(TestTokens.user(id, user, roles)).contentType(ContentType.JSON);
        }

        /** An OWNER of the organization (not a host themself). */
        RequestSpecification owner() {
            return as(UUID.randomUUID(), "owner");
        }

        RequestSpecification manager() {
            return as(UUID.randomUUID(), "manager");
        }

        /** The user's schedule as JSON and its ETag. */
        Read read(UUID user) {
            var r = owner().get("/api/v1/users/" + user + "/work-schedule").then().statusCode(200).extract();
            return new Read(r.asString(), r.header("ETag"));
        }
    }

    record Read(String body, String etag) {
    }
}
