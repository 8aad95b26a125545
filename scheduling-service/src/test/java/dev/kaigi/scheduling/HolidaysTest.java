package dev.kaigi.scheduling;

import dev.kaigi.scheduling.SchedulingFixtures.Org;
import dev.kaigi.scheduling.holiday.ClosedDays;
import dev.kaigi.scheduling.holiday.HolidayCalendar;
import dev.kaigi.scheduling.holiday.HolidayCalendars;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AVL-03: an organization's holiday calendar and its own closed days, through the API and as eligibility reads them. */
@QuarkusTest
class HolidaysTest {

    private static final String SETTINGS = "/api/v1/organization/holiday-settings";
    private static final String CLOSED_DAYS = "/api/v1/organization/closed-days";
    private static final String HOLIDAYS = "/api/v1/organization/holidays";

    @Inject
    AgroalDataSource db;

    @Test
    @DisplayName("AVL-03 every member lists the calendars Kaigi ships, named by Accept-Language, with the years they cover")
    void calendars() {
        Org org = Org.create("Asia/Tokyo");
        org.as(UUID.randomUUID(), "restricted").header("Accept-Language", "ja").get("/api/v1/holiday-calendars").then()
                .statusCode(200).body("items.id", contains("JP")).body("items[0].name", equalTo("日本の国民の祝日"))
                .body("items[0].firstYear", lessThanOrEqualTo(2025)).body("items[0].lastYear", greaterThanOrEqualTo(2030));
        org.as(UUID.randomUUID(), "member").header("Accept-Language", "en-US,ja;q=0.5").get("/api/v1/holiday-calendars").then()
                .statusCode(200).body("items[0].name", equalTo("Japan's national holidays"));
    }

    @Test
    @DisplayName("AVL-03 a MANAGER chooses the calendar and gives it up; every member reads it; an unknown calendar is 400 on calendar")
    void chooseCalendar() {
        Org org = Org.create("Asia/Tokyo");
        UUID member = UUID.randomUUID();
        org.as(member, "member").get(SETTINGS).then().statusCode(200).body("calendar", nullValue());
        org.manager().body("{\"calendar\":\"JP\"}").put(SETTINGS).then().statusCode(200).body("calendar", equalTo("JP"));
        org.as(member, "member").get(SETTINGS).then().statusCode(200).body("calendar", equalTo("JP"));

        for (String unknown : new String[] {"\"XX\"", "\"jp\"", "\"\"", "\"JP \""}) {
            org.owner().header("Accept-Language", "ja").body("{\"calendar\":" + unknown + "}").put(SETTINGS).then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("calendar")).body("errors[0].code", equalTo("unknown-holiday-calendar"))
                    .body("errors[0].message", equalTo("該当する祝日カレンダーがありません。/api/v1/holiday-calendars を確認してください。"));
        }
        org.owner().get(SETTINGS).then().body("calendar", equalTo("JP"));

        org.owner().body("{\"calendar\":null}").put(SETTINGS).then().statusCode(200).body("calendar", nullValue());
        org.as(member, "member").get(SETTINGS).then().body("calendar", nullValue());
        org.owner().body("{\"calendar\":\"JP\"}").put(SETTINGS).then().statusCode(200);
        org.owner().body("{}").put(SETTINGS).then().statusCode(200).body("calendar", nullValue());
    }

    @Test
    @DisplayName("AVL-03 closed days: a MANAGER closes a day, renames it idempotently, lists them by range and opens it again (404 once gone)")
    void closedDays() {
        Org org = Org.create("Asia/Tokyo");
        org.manager().body("{\"name\":\" 年末年始休業 \"}").put(CLOSED_DAYS + "/2027-12-29").then().statusCode(200)
                .body("date", equalTo("2027-12-29")).body("name", equalTo("年末年始休業"));
        org.manager().body("{\"name\":\"年末年始休業\"}").put(CLOSED_DAYS + "/2027-12-29").then().statusCode(200);
        org.owner().body("{\"name\":\"創立記念日\"}").put(CLOSED_DAYS + "/2027-06-01").then().statusCode(200);
        org.owner().body("{\"name\":\"Year-end break\"}").put(CLOSED_DAYS + "/2027-12-30").then().statusCode(200);
        org.owner().body("{\"name\":\"Year-end break\"}").put(CLOSED_DAYS + "/2027-12-29").then().statusCode(200)
                .body("name", equalTo("Year-end break"));

        org.as(UUID.randomUUID(), "member").queryParam("from", "2027-06-01").queryParam("to", "2027-12-29").get(CLOSED_DAYS).then()
                .statusCode(200).body("items.date", contains("2027-06-01", "2027-12-29"))
                .body("items.name", contains("創立記念日", "Year-end break"));

        org.manager().delete(CLOSED_DAYS + "/2027-12-29").then().statusCode(204);
        org.manager().delete(CLOSED_DAYS + "/2027-12-29").then().statusCode(404).contentType("application/problem+json");
        org.owner().queryParam("from", "2027-01-01").queryParam("to", "2027-12-31").get(CLOSED_DAYS).then()
                .statusCode(200).body("items.date", contains("2027-06-01", "2027-12-30"));
    }

    @Test
    @DisplayName("AVL-03 bad closed days and ranges are 400 naming the field, and change nothing")
    void badRequests() {
        Org org = Org.create("Asia/Tokyo");
        for (String name : new String[] {"{}", "{\"name\":\"  \"}", "{\"name\":\"" + "x".repeat(101) + "\"}", "{\"name\":\"a\\nb\"}"}) {
            org.owner().body(name).put(CLOSED_DAYS + "/2027-12-29").then().statusCode(400).body("errors[0].field", equalTo("name"));
        }
        org.owner().body("{\"name\":\"" + "x".repeat(100) + "\"}").put(CLOSED_DAYS + "/2027-12-28").then().statusCode(200);
        for (String date : new String[] {"2027-02-30", "27-12-29", "+999999999-12-31", "0000-01-01", "tomorrow"}) {
            org.owner().body("{\"name\":\"x\"}").put(CLOSED_DAYS + "/" + date).then().statusCode(400)
                    .body("errors[0].field", equalTo("date")).body("errors[0].code", equalTo("date"));
        }
        for (String path : new String[] {CLOSED_DAYS, HOLIDAYS}) {
            org.owner().queryParam("from", "2027-01-01").queryParam("to", "2027-12-31").get(path).then().statusCode(200);
            org.owner().queryParam("from", "2028-01-01").queryParam("to", "2028-12-31").get(path).then().statusCode(200);
            org.owner().queryParam("from", "2027-01-01").queryParam("to", "2028-01-01").get(path).then().statusCode(200);
            org.owner().header("Accept-Language", "en").queryParam("from", "2027-01-01").queryParam("to", "2028-01-02").get(path)
                    .then().statusCode(400).body("errors[0].field", equalTo("to")).body("errors[0].code", equalTo("range-too-long"))
                    .body("errors[0].message", equalTo("The range can cover at most 366 days."));
            org.owner().queryParam("from", "2027-01-02").queryParam("to", "2027-01-01").get(path).then().statusCode(400)
                    .body("errors[0].field", equalTo("to")).body("errors[0].code", equalTo("range-reversed"));
            org.owner().queryParam("to", "2027-01-01").get(path).then().statusCode(400).body("errors[0].field", equalTo("from"));
            org.owner().queryParam("from", "2027-01-01").queryParam("to", "someday").get(path).then().statusCode(400)
                    .body("errors[0].field", equalTo("to"));
        }
        org.owner().queryParam("from", "2027-01-01").queryParam("to", "2027-12-31").get(CLOSED_DAYS).then()
                .body("items.date", contains("2027-12-28"));
    }

    @Test
    @DisplayName("AVL-03 the organization's holidays are its calendar's and its own days, one per date, its own name winning")
    void effectiveHolidays() {
        Org org = Org.create("Asia/Tokyo");
        org.owner().body("{\"name\":\"GW休業\"}").put(CLOSED_DAYS + "/2026-05-07").then().statusCode(200);
        org.owner().body("{\"name\":\"全社休業\"}").put(CLOSED_DAYS + "/2026-05-06").then().statusCode(200);
        org.owner().queryParam("from", "2026-05-03").queryParam("to", "2026-05-08").get(HOLIDAYS).then().statusCode(200)
                .body("calendar", nullValue())
                .body("items.date", contains("2026-05-06", "2026-05-07")).body("items.source", contains("organization", "organization"));

        org.manager().body("{\"calendar\":\"JP\"}").put(SETTINGS).then().statusCode(200);
        org.as(UUID.randomUUID(), "member").header("Accept-Language", "ja").queryParam("from", "2026-05-03").queryParam("to", "2026-05-08")
                .get(HOLIDAYS).then().statusCode(200).body("calendar", equalTo("JP"))
                .body("items.date", contains("2026-05-03", "2026-05-04", "2026-05-05", "2026-05-06", "2026-05-07"))
                .body("items.name", contains("憲法記念日", "みどりの日", "こどもの日", "全社休業", "GW休業"))
                .body("items.source", contains("calendar", "calendar", "calendar", "organization", "organization"));
        org.owner().header("Accept-Language", "en").queryParam("from", "2026-09-21").queryParam("to", "2026-09-23").get(HOLIDAYS).then()
                .statusCode(200).body("items.name", contains("Respect for the Aged Day", "Citizen's Holiday", "Autumnal Equinox Day"));
        org.owner().queryParam("from", "2026-12-21").queryParam("to", "2026-12-27").get(HOLIDAYS).then()
                .statusCode(200).body("items", empty());
    }

    @Test
    @DisplayName("AVL-03 an organization sees and changes only its own settings and closed days")
    void otherOrganizationIsolated() {
        Org a = Org.create("Asia/Tokyo");
        Org b = Org.create("Asia/Tokyo");
        a.owner().body("{\"calendar\":\"JP\"}").put(SETTINGS).then().statusCode(200);
        a.owner().body("{\"name\":\"A's day\"}").put(CLOSED_DAYS + "/2027-03-01").then().statusCode(200);

        b.owner().get(SETTINGS).then().statusCode(200).body("calendar", nullValue());
        b.owner().queryParam("from", "2027-01-01").queryParam("to", "2027-12-31").get(CLOSED_DAYS).then().body("items", empty());
        b.owner().queryParam("from", "2027-01-01").queryParam("to", "2027-12-31").get(HOLIDAYS).then().body("items", empty());
        b.owner().delete(CLOSED_DAYS + "/2027-03-01").then().statusCode(404);
        b.owner().body("{\"name\":\"B's day\"}").put(CLOSED_DAYS + "/2027-03-01").then().statusCode(200);

        a.owner().queryParam("from", "2027-03-01").queryParam("to", "2027-03-01").get(CLOSED_DAYS).then()
                .body("items.name", contains("A's day"));
        b.owner().queryParam("from", "2027-03-01").queryParam("to", "2027-03-01").get(HOLIDAYS).then()
                .body("items.name", contains("B's day"));
        a.owner().get(SETTINGS).then().body("calendar", equalTo("JP"));
    }

    @Test
    @DisplayName("AVL-03 MEMBERs and RESTRICTED users may not change holidays (403), and nothing changes")
    void onlyManagersAndOwnersChange() {
        Org org = Org.create("Asia/Tokyo");
        org.owner().body("{\"name\":\"Closed\"}").put(CLOSED_DAYS + "/2027-04-01").then().statusCode(200);
        for (String role : new String[] {"member", "restricted"}) {
            UUID user = UUID.randomUUID();
            org.as(user, role).body("{\"calendar\":\"JP\"}").put(SETTINGS).then().statusCode(403)
                    .contentType("application/problem+json");
            org.as(user, role).body("{\"name\":\"Mine\"}").put(CLOSED_DAYS + "/2027-04-02").then().statusCode(403);
            org.as(user, role).body("{\"name\":\"Renamed\"}").put(CLOSED_DAYS + "/2027-04-01").then().statusCode(403);
            org.as(user, role).delete(CLOSED_DAYS + "/2027-04-01").then().statusCode(403);
        }
        org.owner().get(SETTINGS).then().body("calendar", nullValue());
        org.owner().queryParam("from", "2027-04-01").queryParam("to", "2027-04-30").get(CLOSED_DAYS).then()
                .body("items.date", contains("2027-04-01")).body("items.name", contains("Closed"));
    }

    @Test
    @DisplayName("AVL-03 SEC-02 every holiday change is audited with who, before and after; a change to the same value is not")
    void audited() {
        Org org = Org.create("Asia/Tokyo");
        UUID manager = UUID.randomUUID();
        org.as(manager, "manager").body("{\"calendar\":\"JP\"}").put(SETTINGS).then().statusCode(200);
        org.as(manager, "manager").body("{\"calendar\":\"JP\"}").put(SETTINGS).then().statusCode(200);
        org.as(manager, "manager").body("{\"name\":\"Closed\"}").put(CLOSED_DAYS + "/2027-04-01").then().statusCode(200);
        org.as(manager, "manager").body("{\"name\":\"Closed\"}").put(CLOSED_DAYS + "/2027-04-01").then().statusCode(200);
        org.as(manager, "manager").body("{\"name\":\"Founders' day\"}").put(CLOSED_DAYS + "/2027-04-01").then().statusCode(200);
        org.as(manager, "manager").delete(CLOSED_DAYS + "/2027-04-01").then().statusCode(204);
        org.as(manager, "manager").body("{\"calendar\":null}").put(SETTINGS).then().statusCode(200);

        org.owner().get("/api/v1/audit-events").then().statusCode(200)
                .body("items.action", contains("HOLIDAY_CALENDAR_SET", "CLOSED_DAY_DELETED", "CLOSED_DAY_SET", "CLOSED_DAY_SET",
                        "HOLIDAY_CALENDAR_SET"))
                .body("items.actorUserId.unique()", contains(manager.toString()))
                .body("items[0].before.calendar", equalTo("JP")).body("items[0].after.calendar", nullValue())
                .body("items[1].before.date", equalTo("2027-04-01")).body("items[1].before.name", equalTo("Founders' day"))
                .body("items[1].after", nullValue())
                .body("items[2].before.name", equalTo("Closed")).body("items[2].after.name", equalTo("Founders' day"))
                .body("items[3].before", nullValue()).body("items[3].after.date", equalTo("2027-04-01"))
                .body("items[3].after.name", equalTo("Closed"))
                .body("items[4].before.calendar", nullValue()).body("items[4].after.calendar", equalTo("JP"));
    }

    @Test
    @DisplayName("AVL-03 every holiday change bumps the organization's facts version, and ClosedDays.QUERY reads what was set")
    void readModel() throws SQLException {
        Org org = Org.create("Asia/Tokyo");
        HolidayCalendar jp = HolidayCalendars.byId("JP").orElseThrow();
        LocalDate newYear = LocalDate.of(LocalDate.now().getYear() + 1, 1, 1);
        LocalDate own = LocalDate.now().plusDays(40);
        while (jp.isHoliday(own) || jp.isHoliday(own.plusDays(1))) {
            own = own.plusDays(2);
        }
        LocalDate open = own.plusDays(1);
        LocalDate past = LocalDate.now().minusDays(10);
        assertFalse(closedDays(org).closed(newYear), "no calendar yet");

        String v0 = version(org);
        org.owner().body("{\"calendar\":\"JP\"}").put(SETTINGS).then().statusCode(200);
        String v1 = version(org);
        org.owner().body("{\"name\":\"Own\"}").put(CLOSED_DAYS + "/" + own).then().statusCode(200);
        String v2 = version(org);
        org.owner().body("{\"name\":\"Past\"}").put(CLOSED_DAYS + "/" + past).then().statusCode(200);
        ClosedDays closed = closedDays(org);
        assertTrue(closed.closed(newYear), "the calendar's New Year's Day");
        assertTrue(closed.closed(own), "the organization's own day");
        assertFalse(closed.closed(open));
        assertFalse(closed.closed(past), "own days long past are not read");

        org.owner().body("{\"name\":\"Renamed\"}").put(CLOSED_DAYS + "/" + own).then().statusCode(200);
        String v3 = version(org);
        org.owner().delete(CLOSED_DAYS + "/" + own).then().statusCode(204);
        String v4 = version(org);
        org.owner().body("{}").put(SETTINGS).then().statusCode(200);
        String v5 = version(org);
        assertEquals(5, java.util.stream.Stream.of(v0, v1, v2, v3, v4, v5).skip(1).distinct().count());
        assertNotEquals(v0, v1);
        assertFalse(closedDays(org).closed(newYear));
        assertFalse(closedDays(org).closed(own));

        org.owner().body("{}").put(SETTINGS).then().statusCode(200);
        assertEquals(v5, version(org), "choosing no calendar again changes nothing");
    }

    private ClosedDays closedDays(Org org) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(ClosedDays.QUERY)) {
            ps.setObject(1, org.id());
            ps.setObject(2, org.id());
            try (ResultSet rs = ps.executeQuery()) {
                return ClosedDays.read(rs);
            }
        }
    }

    private String version(Org org) {
        return SchedulingFixtures.sqlValue(db, "select coalesce((select version from org_facts_version where org_id = '"
                + org.id() + "'), 0)");
    }
}
