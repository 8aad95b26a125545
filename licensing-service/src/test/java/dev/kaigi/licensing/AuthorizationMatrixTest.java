package dev.kaigi.licensing;

import dev.kaigi.events.user.UserType;
import dev.kaigi.testsupport.authz.AuthorizationMatrix;
import dev.kaigi.testsupport.authz.AuthorizationMatrixContract;
import dev.kaigi.testsupport.authz.CallerKind;
import dev.kaigi.testsupport.authz.Callers;
import dev.kaigi.testsupport.authz.ProfilelessOwners;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import java.util.UUID;

import static dev.kaigi.events.user.ProfilePermission.MANAGE_SEATS;
import static dev.kaigi.events.user.ProfilePermission.SEE_AUDIT_LOG;

/**
 * The authorization matrix: every endpoint of the served OpenAPI document, called by every kind of caller
 * ({@link CallerKind}), with the status each must get written down below. An endpoint added without a
 * row fails the test. Ids in the calls belong to the fixture organization; another organization's
 * super admin must never see them (404) nor reach the internal API (403). Partner scopes open
 * nothing here: a partner token has no user role, so it is refused (403) everywhere but "who am I".
 */
@QuarkusTest
class AuthorizationMatrixTest extends AuthorizationMatrixContract<AuthorizationMatrixTest.Fixture> {

    /** A fresh organization with seats, a user with a seat, one without, and a deactivated OWNER. */
    record Fixture(UUID org, UUID seated, UUID unseated, String assignmentId, Callers callers) {
    }

    // columns: ANONYMOUS, EXPIRED, TAMPERED, RESTRICTED, MEMBER, MANAGER, OWNER, SUPER_ADMIN, OTHER_ORG_SUPER_ADMIN,
    //          PARTNER_WITH_SCOPE, PARTNER_WITHOUT_SCOPE, DEACTIVATED, SERVICE
    // an OWNER whose permission profile grants nothing answers as OWNER, or as a row's inProfileAs says (USR-07)
    private static final int[] ANY_MEMBER_OF_AN_ORG = {401, 401, 401, 200, 200, 200, 200, 200, 200, 403, 403, 401, 403};
    private static final int[] SERVICE_ONLY_200 = {401, 401, 401, 403, 403, 403, 403, 403, 403, 403, 403, 401, 200};
    private static final int[] SERVICE_ONLY_204 = {401, 401, 401, 403, 403, 403, 403, 403, 403, 403, 403, 401, 204};
    /** The organization's subscription is the token's own: another organization's owner changes theirs (200). */
    private static final int[] OWNERS_OF_AN_ORG = {401, 401, 401, 403, 403, 403, 200, 200, 200, 403, 403, 401, 403};

    @Inject
    LicensingFixtures fixtures;

    @Override
    protected AuthorizationMatrix<Fixture> table() {
        AuthorizationMatrix<Fixture> matrix = AuthorizationMatrix.of(this::fixture, Fixture::callers);
        // SEC-02: the organization's audit trail, OWNERs only; another organization's owner reads its own (empty) one
        matrix.row("GET /api/v1/audit-events", f -> "/api/v1/audit-events", OWNERS_OF_AN_ORG).inProfileAs(SEE_AUDIT_LOG);
        // SEC-04: what this service keeps about a person, for user-service's export
        matrix.row("GET /api/v1/internal/organizations/{orgId}/users/{userId}/personal-data",
                f -> "/api/v1/internal/organizations/" + f.org() + "/users/" + f.seated() + "/personal-data", SERVICE_ONLY_200);
        matrix.row("POST /api/v1/internal/organizations/{orgId}/lead-personal-data",
                f -> "/api/v1/internal/organizations/" + f.org() + "/lead-personal-data",
                f -> "{\"email\":\"lead@customer.example\"}", SERVICE_ONLY_200);
        matrix.row("POST /api/v1/internal/organizations/{orgId}/seat-batches",
                f -> "/api/v1/internal/organizations/" + f.org() + "/seat-batches",
                f -> "{\"pool\":\"REGULAR\",\"userIds\":[\"" + f.unseated() + "\"]}", SERVICE_ONLY_200);
        matrix.row("POST /api/v1/internal/organizations/{orgId}/seat-batches/return",
                f -> "/api/v1/internal/organizations/" + f.org() + "/seat-batches/return",
                f -> "{\"userIds\":[\"" + f.seated() + "\"]}", SERVICE_ONLY_204);
        matrix.row("PUT /api/v1/internal/organizations/{orgId}/users/{userId}/seat",
                f -> "/api/v1/internal/organizations/" + f.org() + "/users/" + f.unseated() + "/seat",
                f -> "{\"pool\":\"REGULAR\"}", SERVICE_ONLY_200);
        matrix.row("DELETE /api/v1/internal/organizations/{orgId}/users/{userId}/seat",
                f -> "/api/v1/internal/organizations/" + f.org() + "/users/" + f.seated() + "/seat", SERVICE_ONLY_204);
        matrix.row("GET /api/v1/internal/organizations/{orgId}/users/{userId}/seat",
                f -> "/api/v1/internal/organizations/" + f.org() + "/users/" + f.seated() + "/seat", SERVICE_ONLY_200);
        matrix.row("GET /api/v1/seat-assignments", f -> "/api/v1/seat-assignments", ANY_MEMBER_OF_AN_ORG);
        matrix.row("POST /api/v1/seat-assignments", f -> "/api/v1/seat-assignments",
                f -> "{\"userId\":\"" + f.unseated() + "\",\"pool\":\"REGULAR\"}",
                401, 401, 401, 403, 403, 403, 201, 201, 404, 403, 403, 401, 403).inProfileAs(MANAGE_SEATS);
        matrix.row("DELETE /api/v1/seat-assignments/{id}", f -> "/api/v1/seat-assignments/" + f.assignmentId(),
                401, 401, 401, 403, 403, 403, 204, 204, 404, 403, 403, 401, 403).inProfileAs(MANAGE_SEATS);
        matrix.row("GET /api/v1/seat-assignments/{id}", f -> "/api/v1/seat-assignments/" + f.assignmentId(),
                401, 401, 401, 404, 404, 404, 200, 200, 404, 403, 403, 401, 403).inProfileAs(MANAGE_SEATS, 404);
        matrix.row("GET /api/v1/subscription", f -> "/api/v1/subscription", ANY_MEMBER_OF_AN_ORG);
        matrix.row("PUT /api/v1/subscription/plan", f -> "/api/v1/subscription/plan", f -> "{\"plan\":\"STANDARD\"}",
                OWNERS_OF_AN_ORG).inProfileAs(MANAGE_SEATS);
        matrix.row("POST /api/v1/subscription/seats", f -> "/api/v1/subscription/seats",
                f -> "{\"pool\":\"REGULAR\",\"quantity\":1}", OWNERS_OF_AN_ORG).inProfileAs(MANAGE_SEATS);
        matrix.row("PUT /api/v1/subscription/seats/{pool}", f -> "/api/v1/subscription/seats/REGULAR",
                f -> "{\"purchased\":20}", OWNERS_OF_AN_ORG).notTenantIds().inProfileAs(MANAGE_SEATS);
        // enabling needs a plan with team licences (409 on FREE), so the row disables them
        matrix.row("PUT /api/v1/subscription/team-licences", f -> "/api/v1/subscription/team-licences",
                f -> "{\"enabled\":false}", OWNERS_OF_AN_ORG).inProfileAs(MANAGE_SEATS);
        return matrix;
    }

    private Fixture fixture() {
        UUID org = UUID.randomUUID();
        LicensingFixtures.seats(org, "REGULAR", 10);
        UUID seated = fixtures.user(org, UserType.REGULAR);
        UUID unseated = fixtures.user(org, UserType.REGULAR);
        String id = LicensingFixtures.owner(org).body("{\"userId\":\"" + seated + "\",\"pool\":\"REGULAR\"}")
                .post("/api/v1/seat-assignments").then().statusCode(201).extract().path("id");
        UUID deactivated = fixtures.user(org, UserType.REGULAR);
        fixtures.deactivate(org, deactivated);
        return new Fixture(org, seated, unseated, id, Callers.inOrganization(org).with(CallerKind.DEACTIVATED, deactivated)
                .with(CallerKind.OWNER_WITHOUT_PROFILE_PERMISSIONS, ProfilelessOwners.join(org)));
    }
}
