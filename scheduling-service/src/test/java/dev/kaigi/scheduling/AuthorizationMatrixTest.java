package dev.kaigi.scheduling;

import dev.kaigi.events.user.DeactivationReason;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserDeactivated;
import dev.kaigi.events.user.UserType;
import dev.kaigi.scheduling.SchedulingFixtures.Org;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestEvents;
import dev.kaigi.testsupport.authz.AuthorizationMatrix;
import dev.kaigi.testsupport.authz.AuthorizationMatrixContract;
import dev.kaigi.testsupport.authz.CallerKind;
import dev.kaigi.testsupport.authz.Callers;
import dev.kaigi.testsupport.authz.ProfilelessOwners;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.kaigi.events.user.ProfilePermission.MANAGE_MEETING_TYPES;
import static dev.kaigi.events.user.ProfilePermission.SEE_ALL_BOOKINGS;
import static dev.kaigi.events.user.ProfilePermission.SEE_AUDIT_LOG;
import static dev.kaigi.events.user.ProfilePermission.SEE_REPORTS;
import static dev.kaigi.scheduling.BookingFixtures.at;
import static dev.kaigi.scheduling.BookingFixtures.bookingBody;
import static dev.kaigi.scheduling.BookingFixtures.host;
import static dev.kaigi.scheduling.BookingFixtures.meetingType;
import static dev.kaigi.scheduling.BookingFixtures.upcoming;
import static dev.kaigi.scheduling.SchedulingFixtures.WAIT;

/**
 * The authorization matrix: every endpoint of the served OpenAPI document, called by every kind of caller
 * ({@link CallerKind}), with the status each must get written down below; an endpoint without a row
 * fails. Another organization's super admin gets 404 for every id of ours. Public booking pages answer
 * anyone without a token (each call of the table comes from its own client address, so their rate
 * limit of 20 per window does not count the table against itself); a bad token is still refused
 * there. A partner client opens the endpoints of its scope (README "For partners"): schedules:read the
 * reads of schedules, meeting types, availability and hosts; bookings:write booking, reading back and
 * cancelling any booking of the organization. The engine checks that a partner holding every other
 * scope is refused. Writes of schedules and meeting types stay with the organization's people.
 */
@QuarkusTest
class AuthorizationMatrixTest extends AuthorizationMatrixContract<AuthorizationMatrixTest.Fixture> {

    private static final String ZONE = "Asia/Tokyo";
    /** Hourly slots 09:00–18:00 every day: a fresh one per booking the table needs. */
    private static final AtomicInteger SLOTS = new AtomicInteger();
    private static Shared shared;

    /** What all fixtures share: the organization, a host, a second member, a deactivated OWNER and one no profile lets do anything. */
    record Shared(Org org, UUID host, UUID colleague, UUID deactivated, UUID secondHost, UUID profilelessOwner) {
    }

    /** A fresh meeting type of the host with one booking, the current ETags and a free slot. */
    record Fixture(Org org, UUID host, UUID colleague, String typeId, String typeEtag, String publicId, String bookingId,
                   String manageToken, UUID secondHost, String scheduleEtag, String defaultsEtag, Instant freeSlot, Callers callers) {
    }

    // columns: ANONYMOUS, EXPIRED, TAMPERED, RESTRICTED, MEMBER, MANAGER, OWNER, SUPER_ADMIN, OTHER_ORG_SUPER_ADMIN,
    //          PARTNER_WITH_SCOPE, PARTNER_WITHOUT_SCOPE, DEACTIVATED, SERVICE
    // an OWNER whose permission profile grants nothing answers as OWNER, or as a row's inProfileAs says (USR-07)
    private static final int[] ANY_MEMBER_OR_PARTNER = {401, 401, 401, 200, 200, 200, 200, 200, 200, 200, 403, 401, 403};
    private static final int[] SERVICE_ONLY = {401, 401, 401, 403, 403, 403, 403, 403, 403, 403, 403, 401, 200};
    private static final String BOOKINGS = "bookings:write";
    private static final String SCHEDULES = "schedules:read";
    /** The organization's own closed day every fixture has (AVL-03), far from the booked slots. */
    private static final String CLOSED_DAY = "2099-12-31";

    @Override
    protected AuthorizationMatrix<Fixture> table() {
        AuthorizationMatrix<Fixture> matrix = AuthorizationMatrix.of(this::fixture, Fixture::callers);
        // SEC-02: the organization's audit trail, OWNERs only; another organization's owner reads its own (empty) one
        matrix.row("GET /api/v1/audit-events", f -> "/api/v1/audit-events",
                401, 401, 401, 403, 403, 403, 200, 200, 200, 403, 403, 401, 403).inProfileAs(SEE_AUDIT_LOG);
        // SEC-04: what this service keeps about a person, for user-service's export
        matrix.row("GET /api/v1/internal/organizations/{orgId}/users/{userId}/personal-data",
                f -> "/api/v1/internal/organizations/" + f.org().id() + "/users/" + f.host() + "/personal-data", SERVICE_ONLY);
        matrix.row("POST /api/v1/internal/organizations/{orgId}/lead-personal-data",
                f -> "/api/v1/internal/organizations/" + f.org().id() + "/lead-personal-data",
                f -> "{\"email\":\"lead@customer.example\"}", SERVICE_ONLY);

        matrix.row("GET /api/v1/bookings", f -> "/api/v1/bookings", ANY_MEMBER_OR_PARTNER).partnerScope(BOOKINGS);
        // LIF-05: user-service asks what a deletion would move; nobody else
        matrix.row("POST /api/v1/internal/organizations/{orgId}/users/{userId}/transfer-preview",
                f -> "/api/v1/internal/organizations/" + f.org().id() + "/users/" + f.host() + "/transfer-preview",
                f -> "{\"futureBookings\":\"" + f.colleague() + "\"}",
                401, 401, 401, 403, 403, 403, 403, 403, 403, 403, 403, 401, 200);
        matrix.row("POST /api/v1/bookings", f -> "/api/v1/bookings",
                f -> bookingBody(f.typeId(), f.freeSlot(), "lead@customer.example"),
                401, 401, 401, 403, 201, 201, 201, 201, 400, 201, 403, 401, 403).partnerScope(BOOKINGS);
        matrix.row("GET /api/v1/bookings/{id}", f -> "/api/v1/bookings/" + f.bookingId(),
                401, 401, 401, 404, 404, 200, 200, 200, 404, 200, 403, 401, 403).partnerScope(BOOKINGS).inProfileAs(SEE_ALL_BOOKINGS, 404);
        matrix.row("POST /api/v1/bookings/{id}/cancel", f -> "/api/v1/bookings/" + f.bookingId() + "/cancel", f -> "{}",
                401, 401, 401, 404, 404, 200, 200, 200, 404, 200, 403, 401, 403).partnerScope(BOOKINGS).inProfileAs(SEE_ALL_BOOKINGS, 404);
        // MTG-03: whoever may cancel may move it; MTG-04: only MANAGERs and OWNERs hand it to another host
        matrix.row("POST /api/v1/bookings/{id}/reschedule", f -> "/api/v1/bookings/" + f.bookingId() + "/reschedule",
                f -> "{\"start\":\"" + f.freeSlot() + "\"}",
                401, 401, 401, 404, 404, 200, 200, 200, 404, 200, 403, 401, 403).partnerScope(BOOKINGS).inProfileAs(SEE_ALL_BOOKINGS, 404);
        matrix.row("POST /api/v1/bookings/{id}/reassign", f -> "/api/v1/bookings/" + f.bookingId() + "/reassign",
                f -> "{\"hostUserId\":\"" + f.secondHost() + "\"}",
                401, 401, 401, 403, 403, 200, 200, 200, 404, 403, 403, 401, 403).inProfileAs(SEE_ALL_BOOKINGS);

        // MTG-02: the manage link is its own credential; a token sent along must still be a valid one
        matrix.row("GET /api/v1/public/bookings/{token}", f -> "/api/v1/public/bookings/" + f.manageToken(),
                200, 401, 401, 200, 200, 200, 200, 200, 200, 200, 200, 401, 200).notTenantIds();
        matrix.row("GET /api/v1/public/bookings/{token}/availability",
                f -> "/api/v1/public/bookings/" + f.manageToken() + "/availability" + days(f),
                200, 401, 401, 200, 200, 200, 200, 200, 200, 200, 200, 401, 200).notTenantIds();
        matrix.row("POST /api/v1/public/bookings/{token}/cancel", f -> "/api/v1/public/bookings/" + f.manageToken() + "/cancel",
                f -> "{}", 200, 401, 401, 200, 200, 200, 200, 200, 200, 200, 200, 401, 200).notTenantIds();
        matrix.row("POST /api/v1/public/bookings/{token}/reschedule",
                f -> "/api/v1/public/bookings/" + f.manageToken() + "/reschedule", f -> "{\"start\":\"" + f.freeSlot() + "\"}",
                200, 401, 401, 200, 200, 200, 200, 200, 200, 200, 200, 401, 200).notTenantIds();

        matrix.row("GET /api/v1/hosts/{userId}", f -> "/api/v1/hosts/" + f.host(),
                401, 401, 401, 403, 403, 200, 200, 200, 404, 200, 403, 401, 403).partnerScope(SCHEDULES).inProfileAs(SEE_REPORTS);
        matrix.row("GET /api/v1/hosts/{userId}/eligibility", f -> "/api/v1/hosts/" + f.host() + "/eligibility?meetingType="
                        + f.typeId() + "&start=" + f.freeSlot(),
                401, 401, 401, 403, 403, 200, 200, 200, 404, 200, 403, 401, 403).partnerScope(SCHEDULES).inProfileAs(SEE_REPORTS);

        matrix.row("GET /api/v1/meeting-types", f -> "/api/v1/meeting-types", ANY_MEMBER_OR_PARTNER).partnerScope(SCHEDULES);
        matrix.row("POST /api/v1/meeting-types", f -> "/api/v1/meeting-types", f -> meetingTypeBody(f.host()),
                401, 401, 401, 403, 403, 201, 201, 201, 400, 403, 403, 401, 403).inProfileAs(MANAGE_MEETING_TYPES);
        matrix.row("PUT /api/v1/meeting-types/{id}", f -> "/api/v1/meeting-types/" + f.typeId(), f -> meetingTypeBody(f.host()),
                401, 401, 401, 403, 403, 200, 200, 200, 404, 403, 403, 401, 403).header("If-Match", Fixture::typeEtag).inProfileAs(MANAGE_MEETING_TYPES);
        matrix.row("GET /api/v1/meeting-types/{id}", f -> "/api/v1/meeting-types/" + f.typeId(),
                401, 401, 401, 200, 200, 200, 200, 200, 404, 200, 403, 401, 403).partnerScope(SCHEDULES);
        matrix.row("DELETE /api/v1/meeting-types/{id}", f -> "/api/v1/meeting-types/" + f.typeId(),
                401, 401, 401, 403, 403, 204, 204, 204, 404, 403, 403, 401, 403).inProfileAs(MANAGE_MEETING_TYPES);
        matrix.row("GET /api/v1/meeting-types/{id}/availability", f -> "/api/v1/meeting-types/" + f.typeId() + "/availability"
                        + days(f),
                401, 401, 401, 200, 200, 200, 200, 200, 404, 200, 403, 401, 403).partnerScope(SCHEDULES);
        // AVL-06: how the pool's meetings went to its hosts, for MANAGERs and OWNERs whose profile lets them see reports
        matrix.row("GET /api/v1/meeting-types/{id}/distribution", f -> "/api/v1/meeting-types/" + f.typeId() + "/distribution?from="
                        + f.freeSlot().minus(java.time.Duration.ofDays(30)) + "&to=" + f.freeSlot(),
                401, 401, 401, 403, 403, 200, 200, 200, 404, 403, 403, 401, 403).inProfileAs(SEE_REPORTS);

        matrix.row("PUT /api/v1/organization/default-work-schedule", f -> "/api/v1/organization/default-work-schedule",
                f -> ScheduleBody.in(ZONE).json(),
                401, 401, 401, 403, 403, 403, 200, 200, 200, 403, 403, 401, 403).header("If-Match", Fixture::defaultsEtag);
        matrix.row("GET /api/v1/organization/default-work-schedule", f -> "/api/v1/organization/default-work-schedule",
                ANY_MEMBER_OR_PARTNER).partnerScope(SCHEDULES);

        // AVL-03: every member reads the holidays; MANAGERs and OWNERs change them, as they do meeting types
        matrix.row("GET /api/v1/holiday-calendars", f -> "/api/v1/holiday-calendars", ANY_MEMBER_OR_PARTNER).partnerScope(SCHEDULES);
        matrix.row("GET /api/v1/organization/holiday-settings", f -> "/api/v1/organization/holiday-settings",
                ANY_MEMBER_OR_PARTNER).partnerScope(SCHEDULES);
        // no calendar: the fixtures' bookings fall on any weekday, holidays included
        matrix.row("PUT /api/v1/organization/holiday-settings", f -> "/api/v1/organization/holiday-settings",
                f -> "{\"calendar\":null}",
                401, 401, 401, 403, 403, 200, 200, 200, 200, 403, 403, 401, 403).inProfileAs(MANAGE_MEETING_TYPES);
        matrix.row("GET /api/v1/organization/closed-days", f -> "/api/v1/organization/closed-days?from=2099-01-01&to=2099-12-31",
                ANY_MEMBER_OR_PARTNER).partnerScope(SCHEDULES);
        // a date names a day of the caller's own organization, not a record of ours another organization could probe
        matrix.row("PUT /api/v1/organization/closed-days/{date}", f -> "/api/v1/organization/closed-days/" + CLOSED_DAY,
                f -> "{\"name\":\"Closed " + UUID.randomUUID() + "\"}",
                401, 401, 401, 403, 403, 200, 200, 200, 200, 403, 403, 401, 403).notTenantIds().inProfileAs(MANAGE_MEETING_TYPES);
        matrix.row("DELETE /api/v1/organization/closed-days/{date}", f -> "/api/v1/organization/closed-days/" + CLOSED_DAY,
                401, 401, 401, 403, 403, 204, 204, 204, 404, 403, 403, 401, 403).inProfileAs(MANAGE_MEETING_TYPES);
        matrix.row("GET /api/v1/organization/holidays", f -> "/api/v1/organization/holidays?from=2099-01-01&to=2099-12-31",
                ANY_MEMBER_OR_PARTNER).partnerScope(SCHEDULES);

        matrix.row("GET /api/v1/public/booking-pages/{publicId}", f -> "/api/v1/public/booking-pages/" + f.publicId(),
                200, 401, 401, 200, 200, 200, 200, 200, 200, 200, 200, 401, 200).notTenantIds();
        matrix.row("GET /api/v1/public/booking-pages/{publicId}/availability",
                f -> "/api/v1/public/booking-pages/" + f.publicId() + "/availability" + days(f),
                200, 401, 401, 200, 200, 200, 200, 200, 200, 200, 200, 401, 200).notTenantIds();
        matrix.row("POST /api/v1/public/booking-pages/{publicId}/bookings",
                f -> "/api/v1/public/booking-pages/" + f.publicId() + "/bookings",
                f -> "{\"start\":\"" + f.freeSlot() + "\",\"lead\":{\"name\":\"Lead\",\"email\":\"lead@customer.example\"}}",
                201, 401, 401, 201, 201, 201, 201, 201, 201, 201, 201, 401, 201).notTenantIds();

        matrix.row("PUT /api/v1/users/{userId}/work-schedule", f -> "/api/v1/users/" + f.host() + "/work-schedule",
                f -> ScheduleBody.in(ZONE).json(),
                401, 401, 401, 403, 403, 403, 200, 200, 404, 403, 403, 401, 403).header("If-Match", Fixture::scheduleEtag);
        matrix.row("GET /api/v1/users/{userId}/work-schedule", f -> "/api/v1/users/" + f.host() + "/work-schedule",
                401, 401, 401, 403, 403, 200, 200, 200, 404, 200, 403, 401, 403).partnerScope(SCHEDULES);
        matrix.row("POST /api/v1/users/{userId}/work-schedule/apply-defaults",
                f -> "/api/v1/users/" + f.colleague() + "/work-schedule/apply-defaults",
                401, 401, 401, 403, 403, 403, 200, 200, 404, 403, 403, 401, 403);
        matrix.row("POST /api/v1/users/{userId}/work-schedule/apply-to-others",
                f -> "/api/v1/users/" + f.host() + "/work-schedule/apply-to-others",
                f -> "{\"fields\":[\"DAILY_CAPS\"],\"targetUserIds\":[\"" + f.colleague() + "\"],\"dryRun\":true}",
                401, 401, 401, 403, 403, 403, 200, 200, 404, 403, 403, 401, 403);
        // AVL-01: as the work schedule; AVL-02: the host, a MANAGER or an OWNER records time off (far ahead, outside the hours booked)
        matrix.row("GET /api/v1/users/{userId}/date-overrides", f -> "/api/v1/users/" + f.host() + "/date-overrides",
                401, 401, 401, 403, 403, 200, 200, 200, 404, 200, 403, 401, 403).partnerScope(SCHEDULES);
        matrix.row("PUT /api/v1/users/{userId}/date-overrides/{date}", f -> "/api/v1/users/" + f.host() + "/date-overrides/" + FAR_AHEAD,
                f -> "{\"enabled\":true,\"start\":\"09:00\",\"end\":\"18:00\"}",
                401, 401, 401, 403, 403, 403, 200, 200, 404, 403, 403, 401, 403);
        matrix.row("DELETE /api/v1/users/{userId}/date-overrides/{date}", f -> overridden(f) + "/date-overrides/" + FAR_AHEAD,
                401, 401, 401, 403, 403, 403, 204, 204, 404, 403, 403, 401, 403);
        matrix.row("GET /api/v1/users/{userId}/time-off", f -> "/api/v1/users/" + f.host() + "/time-off",
                401, 401, 401, 403, 403, 200, 200, 200, 404, 200, 403, 401, 403).partnerScope(SCHEDULES);
        matrix.row("POST /api/v1/users/{userId}/time-off", f -> "/api/v1/users/" + f.host() + "/time-off", f -> timeOffBody(),
                401, 401, 401, 403, 403, 201, 201, 201, 404, 403, 403, 401, 403);
        matrix.row("DELETE /api/v1/users/{userId}/time-off/{id}", f -> "/api/v1/users/" + f.host() + "/time-off/" + timeOff(f),
                401, 401, 401, 403, 403, 204, 204, 204, 404, 403, 403, 401, 403);
        return matrix;
    }

    /** A date no fixture books: nine months ahead. */
    private static final LocalDate FAR_AHEAD = LocalDate.now().plusMonths(9);

    /** The host's path, with an override on {@link #FAR_AHEAD} set by an OWNER first. */
    private static String overridden(Fixture f) {
        String path = "/api/v1/users/" + f.host();
        f.org().owner().body("{\"enabled\":false}").put(path + "/date-overrides/" + FAR_AHEAD).then().statusCode(200);
        return path;
    }

    /** Half an hour at night on {@link #FAR_AHEAD}, when no fixture has a meeting. */
    private static String timeOffBody() {
        return "{\"start\":\"" + FAR_AHEAD + "T03:00:00\",\"end\":\"" + FAR_AHEAD + "T03:30:00\"}";
    }

    /** A new absence of the host, recorded by an OWNER. */
    private static String timeOff(Fixture f) {
        return f.org().owner().body(timeOffBody()).post("/api/v1/users/" + f.host() + "/time-off").then().statusCode(201)
                .extract().path("timeOff.id");
    }

    private static String meetingTypeBody(UUID host) {
        return """
                {"name":"Demo %s","durationMinutes":60,"conferencingMethod":"PHONE","hostPool":["%s"],"slotStepMinutes":60,
                 "minimumNoticeMinutes":0,"bookingHorizonDays":365}""".formatted(UUID.randomUUID(), host);
    }

    private static String days(Fixture f) {
        LocalDate day = LocalDate.ofInstant(f.freeSlot(), java.time.ZoneId.of(ZONE));
        return "?from=" + day + "&to=" + day + "&timeZone=" + ZONE;
    }

    private static synchronized Shared shared() {
        if (shared == null) {
            Org org = Org.create(ZONE);
            UUID host = host(org, ScheduleBody.in(ZONE));
            UUID colleague = org.member();
            UUID deactivated = org.join(Role.OWNER, UserType.REGULAR);
            org.await(deactivated);
            TestEvents.publish(new UserDeactivated(org.id(), deactivated, UserType.REGULAR, null, DeactivationReason.ADMIN));
            Await.until("deactivation applied", () -> org.as(deactivated, "owner").get("/api/v1/caller").statusCode() == 401, WAIT);
            shared = new Shared(org, host, colleague, deactivated, host(org, ScheduleBody.in(ZONE)), ProfilelessOwners.join(org.id()));
        }
        return shared;
    }

    /** The next hourly slot nobody has booked (a week ahead onwards, nine a day). */
    private static Instant nextSlot() {
        int n = SLOTS.getAndIncrement();
        LocalDate day = upcoming(DayOfWeek.MONDAY, ZONE).plusDays(n / 9);
        return at(day, String.format("%02d:00", 9 + n % 9), ZONE);
    }

    private Fixture fixture() {
        Shared s = shared();
        Org org = s.org();
        ExtractableResponse<Response> type = meetingType(org, "Demo " + UUID.randomUUID(), 60, "PHONE", 60, s.host());
        ExtractableResponse<Response> booking = org.owner().body(bookingBody(type.path("id"), nextSlot(), "lead@customer.example"))
                .post("/api/v1/bookings").then().statusCode(201).extract();
        String defaultsEtag = org.owner().get("/api/v1/organization/default-work-schedule").header("ETag");
        org.owner().body("{\"name\":\"Closed\"}").put("/api/v1/organization/closed-days/" + CLOSED_DAY).then().statusCode(200);
        Callers callers = Callers.inOrganization(org.id()).with(CallerKind.DEACTIVATED, s.deactivated())
                .with(CallerKind.OWNER_WITHOUT_PROFILE_PERMISSIONS, s.profilelessOwner());
        return new Fixture(org, s.host(), s.colleague(), type.path("id"), type.header("ETag"), type.path("publicBookingId"),
                booking.path("id"), booking.path("manageToken"), s.secondHost(), org.read(s.host()).etag(),
                defaultsEtag == null ? "\"0\"" : defaultsEtag, nextSlot(), callers);
    }
}
