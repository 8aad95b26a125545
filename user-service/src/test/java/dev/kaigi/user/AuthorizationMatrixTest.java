package dev.kaigi.user;

import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.authz.AuthorizationMatrix;
import dev.kaigi.testsupport.authz.AuthorizationMatrixContract;
import dev.kaigi.testsupport.authz.CallerKind;
import dev.kaigi.testsupport.authz.Callers;
import dev.kaigi.testsupport.authz.Lazy;
import dev.kaigi.testsupport.TestTokens;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

import static dev.kaigi.events.user.ProfilePermission.IMPORT_USERS;
import static dev.kaigi.events.user.ProfilePermission.MANAGE_TEAMS;
import static dev.kaigi.events.user.ProfilePermission.MANAGE_USERS;
import static dev.kaigi.events.user.ProfilePermission.SEE_AUDIT_LOG;
import static dev.kaigi.user.UserFixtures.newOrganization;
import static io.restassured.RestAssured.given;

/**
 * The authorization matrix: every endpoint of the served OpenAPI document (REST and SCIM), called by every kind
 * of caller ({@link CallerKind}), with the status each must get written down below; an endpoint
 * without a row fails. Roles here come from this service's own users, so every user caller is a real
 * user of the fixture organization, and another organization's super admin is a real one too.
 * Another organization gets 404 for every id of ours. SCIM answers partner clients with the
 * {@code scim} scope only. A REST partner client opens the endpoints of its scope (README "For partners"):
 * {@code users:read} what an OWNER reads about users, teams, imports and the organization, {@code users:write}
 * adding, editing, (de)activating and re-inviting users and the teams; what needs a person (the signed-in
 * user, the super admin, deleting or removing, converting, bulk copies, CSV imports) refuses it (403). The
 * engine checks that a partner holding every other scope is refused.
 */
@QuarkusTest
class AuthorizationMatrixTest extends AuthorizationMatrixContract<AuthorizationMatrixTest.Fixture> {

    private static final String SCIM = "application/scim+json";
    private static Shared shared;

    @Inject
    AgroalDataSource db;

    /** The organization and its callers; rebuilt when a call transferred the super admin role away. */
    record Shared(UserFixtures.Org org, String importId, Callers callers) {
    }

    /** Records the paths name, each made on first use, all fresh after every call that changed one. */
    record Fixture(UserFixtures.Org org, Lazy<UUID> subject, Lazy<String> subjectEtag, Lazy<UUID> invited,
                   Lazy<String> invitationToken, Lazy<UUID> invitationId, Lazy<ExtractableResponse<Response>> team,
                   String importId,
                   Lazy<String> scimEmail, Lazy<String> scimUser, Lazy<String> scimGroup,
                   Lazy<ExtractableResponse<Response>> profile, Callers callers) {

        String profileId() {
            return profile.get().path("id");
        }

        String profileEtag() {
            return profile.get().header("ETag");
        }

        String teamId() {
            return team.get().path("id");
        }

        String teamEtag() {
            return team.get().header("ETag");
        }
    }

    // columns: ANONYMOUS, EXPIRED, TAMPERED, RESTRICTED, MEMBER, MANAGER, OWNER, SUPER_ADMIN, OTHER_ORG_SUPER_ADMIN,
    //          PARTNER_WITH_SCOPE, PARTNER_WITHOUT_SCOPE, DEACTIVATED, SERVICE
    // an OWNER whose permission profile grants nothing answers as OWNER, or 403 where a row names the entry (inProfileAs)
    private static final int[] ANY_USER = {401, 401, 401, 200, 200, 200, 200, 200, 200, 403, 403, 401, 403};
    private static final int[] OWNERS_200 = {401, 401, 401, 403, 403, 403, 200, 200, 404, 403, 403, 401, 403};
    private static final int[] OWNERS_204 = {401, 401, 401, 403, 403, 403, 204, 204, 404, 403, 403, 401, 403};
    private static final int[] ANY_USER_OR_READER = {401, 401, 401, 200, 200, 200, 200, 200, 200, 200, 403, 401, 403};
    private static final int[] OWNERS_OR_PARTNER_200 = {401, 401, 401, 403, 403, 403, 200, 200, 404, 200, 403, 401, 403};
    private static final String READ = "users:read";
    private static final String WRITE = "users:write";
    private static final int[] SCIM_ONLY = {401, 401, 401, 403, 403, 403, 403, 403, 403, 200, 403, 401, 403};

    @Override
    protected AuthorizationMatrix<Fixture> table() {
        AuthorizationMatrix<Fixture> matrix = AuthorizationMatrix.of(this::fixture, Fixture::callers);
        matrix.row("GET /api/v1/audit-events", f -> "/api/v1/audit-events",
                401, 401, 401, 403, 403, 403, 200, 200, 200, 200, 403, 401, 403).partnerScope(READ).inProfileAs(SEE_AUDIT_LOG);
        matrix.row("POST /api/v1/invitations/{token}/accept", f -> "/api/v1/invitations/" + f.invitationToken().get() + "/accept",
                200, 401, 401, 200, 200, 200, 200, 200, 200, 200, 200, 401, 200).notTenantIds();
        matrix.row("POST /api/v1/invitations/{token}/decline", f -> "/api/v1/invitations/" + f.invitationToken().get() + "/decline",
                204, 401, 401, 204, 204, 204, 204, 204, 204, 204, 204, 401, 204).notTenantIds();
        matrix.row("GET /api/v1/organization", f -> "/api/v1/organization", ANY_USER_OR_READER).partnerScope(READ);
        matrix.row("POST /api/v1/organization/super-admin/transfer", f -> "/api/v1/organization/super-admin/transfer",
                f -> "{\"userId\":\"" + f.subject().get() + "\"}",
                401, 401, 401, 403, 403, 403, 403, 200, 404, 403, 403, 401, 403);
        // INV-06: a person's own invitations; the fixture's invitation is nobody's among these callers (404)
        matrix.row("GET /api/v1/me/invitations", f -> "/api/v1/me/invitations", ANY_USER);
        matrix.row("POST /api/v1/me/invitations/{id}/accept", f -> "/api/v1/me/invitations/" + f.invitationId().get() + "/accept",
                401, 401, 401, 404, 404, 404, 404, 404, 404, 403, 403, 401, 403);
        matrix.row("POST /api/v1/me/invitations/{id}/decline", f -> "/api/v1/me/invitations/" + f.invitationId().get() + "/decline",
                401, 401, 401, 404, 404, 404, 404, 404, 404, 403, 403, 401, 403);
        matrix.row("POST /api/v1/organizations", f -> "/api/v1/organizations",
                f -> "{\"name\":\"Acme\",\"timeZone\":\"Asia/Tokyo\",\"lastName\":\"Tanaka\",\"firstName\":\"Ken\"}",
                401, 401, 401, 409, 409, 409, 409, 409, 409, 409, 409, 401, 403);
        // an OWNER decides what the SCIM client may do: never a partner (else one could widen its own power); another
        // organization's super admin sets their own organization's; false is the default, so the fixture stays as it was
        matrix.row("PUT /api/v1/organization/scim-settings", f -> "/api/v1/organization/scim-settings", f -> "{\"ownerRoleGrantable\":false}",
                401, 401, 401, 403, 403, 403, 200, 200, 200, 403, 403, 401, 403).changesNothing().inProfileAs(MANAGE_USERS);
        // USR-07: everyone reads the profiles; an OWNER who may manage users manages them, never a partner
        matrix.row("GET /api/v1/permission-profiles", f -> "/api/v1/permission-profiles", ANY_USER_OR_READER).partnerScope(READ);
        matrix.row("GET /api/v1/permission-profiles/{id}", f -> "/api/v1/permission-profiles/" + f.org().standardProfile(),
                401, 401, 401, 200, 200, 200, 200, 200, 404, 200, 403, 401, 403).partnerScope(READ);
        matrix.row("POST /api/v1/permission-profiles", f -> "/api/v1/permission-profiles",
                f -> "{\"name\":\"P " + UUID.randomUUID() + "\",\"userType\":\"REGULAR\",\"permissions\":[]}",
                401, 401, 401, 403, 403, 403, 201, 201, 201, 403, 403, 401, 403).inProfileAs(MANAGE_USERS);
        matrix.row("POST /api/v1/permission-profiles/{id}/copy", f -> "/api/v1/permission-profiles/" + f.org().standardProfile() + "/copy",
                f -> "{\"name\":\"Copy " + UUID.randomUUID() + "\"}",
                401, 401, 401, 403, 403, 403, 201, 201, 404, 403, 403, 401, 403).inProfileAs(MANAGE_USERS);
        matrix.row("PUT /api/v1/permission-profiles/{id}", f -> "/api/v1/permission-profiles/" + f.profileId(),
                f -> "{\"name\":\"P " + UUID.randomUUID() + "\",\"permissions\":[\"SEE_REPORTS\"]}", OWNERS_200)
                .header("If-Match", Fixture::profileEtag).inProfileAs(MANAGE_USERS);
        matrix.row("DELETE /api/v1/permission-profiles/{id}", f -> "/api/v1/permission-profiles/" + f.profileId(), OWNERS_204)
                .inProfileAs(MANAGE_USERS);

        matrix.row("GET /api/v1/teams", f -> "/api/v1/teams", ANY_USER_OR_READER).partnerScope(READ);
        matrix.row("POST /api/v1/teams", f -> "/api/v1/teams", f -> "{\"name\":\"Team " + UUID.randomUUID() + "\"}",
                401, 401, 401, 403, 403, 403, 201, 201, 201, 201, 403, 401, 403).partnerScope(WRITE).inProfileAs(MANAGE_TEAMS);
        matrix.row("PUT /api/v1/teams/{id}", f -> "/api/v1/teams/" + f.teamId(), f -> "{\"name\":\"Team " + UUID.randomUUID() + "\"}",
                OWNERS_OR_PARTNER_200).partnerScope(WRITE).header("If-Match", Fixture::teamEtag).inProfileAs(MANAGE_TEAMS);
        matrix.row("GET /api/v1/teams/{id}", f -> "/api/v1/teams/" + f.teamId(),
                401, 401, 401, 200, 200, 200, 200, 200, 404, 200, 403, 401, 403).partnerScope(READ);
        matrix.row("DELETE /api/v1/teams/{id}", f -> "/api/v1/teams/" + f.teamId(),
                401, 401, 401, 403, 403, 403, 204, 204, 404, 204, 403, 401, 403).partnerScope(WRITE).inProfileAs(MANAGE_TEAMS);

        matrix.row("POST /api/v1/user-imports", f -> "/api/v1/user-imports",
                401, 401, 401, 403, 403, 403, 202, 202, 202, 403, 403, 401, 403)
                .request((f, r) -> r.multiPart("file", "users.csv",
                        ("email,lastName\nimp" + UUID.randomUUID().toString().substring(0, 8) + "@" + f.org().domain() + ",Sato\n")
                                .getBytes(StandardCharsets.UTF_8), "text/csv")).inProfileAs(IMPORT_USERS);
        // BLK-06: the saved column mapping; another organization's owner reads and writes its own
        matrix.row("GET /api/v1/user-imports/column-mapping", f -> "/api/v1/user-imports/column-mapping",
                401, 401, 401, 403, 403, 403, 200, 200, 200, 200, 403, 401, 403).partnerScope(READ).inProfileAs(IMPORT_USERS);
        matrix.row("PUT /api/v1/user-imports/column-mapping", f -> "/api/v1/user-imports/column-mapping",
                f -> "{\"columns\":{\"Mail\":\"email\"}}",
                401, 401, 401, 403, 403, 403, 200, 200, 200, 403, 403, 401, 403).inProfileAs(IMPORT_USERS);
        matrix.row("DELETE /api/v1/user-imports/column-mapping", f -> "/api/v1/user-imports/column-mapping",
                401, 401, 401, 403, 403, 403, 204, 204, 204, 403, 403, 401, 403).inProfileAs(IMPORT_USERS);
        matrix.row("GET /api/v1/user-imports", f -> "/api/v1/user-imports",
                401, 401, 401, 403, 403, 403, 200, 200, 200, 200, 403, 401, 403).partnerScope(READ).inProfileAs(IMPORT_USERS);
        matrix.row("GET /api/v1/user-imports/{id}", f -> "/api/v1/user-imports/" + f.importId(), OWNERS_OR_PARTNER_200)
                .partnerScope(READ).inProfileAs(IMPORT_USERS);
        matrix.row("GET /api/v1/user-imports/{id}/issues", f -> "/api/v1/user-imports/" + f.importId() + "/issues",
                OWNERS_OR_PARTNER_200).partnerScope(READ).inProfileAs(IMPORT_USERS);

        matrix.row("GET /api/v1/users", f -> "/api/v1/users", ANY_USER_OR_READER).partnerScope(READ);
        matrix.row("POST /api/v1/users", f -> "/api/v1/users", f -> """
                        {"email":"new%s@%s","lastName":"Sato","firstName":"Hana","role":"MEMBER","userType":"REGULAR","permissionProfileId":"%s"}
                        """.formatted(UUID.randomUUID().toString().substring(0, 8), f.org().domain(), f.org().standardProfile()),
                401, 401, 401, 403, 403, 403, 201, 201, 400, 201, 403, 401, 403).partnerScope(WRITE).inProfileAs(MANAGE_USERS);
        matrix.row("GET /api/v1/users/me", f -> "/api/v1/users/me", ANY_USER);
        matrix.row("PUT /api/v1/users/{id}", f -> "/api/v1/users/" + f.subject().get(),
                f -> "{\"lastName\":\"Kimura\",\"firstName\":\"Hana\",\"role\":\"MEMBER\"}",
                OWNERS_OR_PARTNER_200).partnerScope(WRITE).header("If-Match", f -> f.subjectEtag().get()).inProfileAs(MANAGE_USERS);
        matrix.row("GET /api/v1/users/{id}", f -> "/api/v1/users/" + f.subject().get(),
                401, 401, 401, 200, 200, 200, 200, 200, 404, 200, 403, 401, 403).partnerScope(READ);
        // LIF-02: deleting is the super admin's alone
        matrix.row("DELETE /api/v1/users/{id}", f -> "/api/v1/users/" + f.subject().get(),
                401, 401, 401, 403, 403, 403, 403, 204, 404, 403, 403, 401, 403).inProfileAs(MANAGE_USERS);
        // SEC-04: personal data, OWNERs whose profile manages users; the export asks the other services, which do not
        // run beside this table, so whoever passes the checks meets 503 (nothing half-exported)
        matrix.row("POST /api/v1/personal-data/exports", f -> "/api/v1/personal-data/exports",
                f -> "{\"leadEmail\":\"lead@customer.example\"}",
                401, 401, 401, 403, 403, 403, 503, 503, 503, 403, 403, 401, 403).inProfileAs(MANAGE_USERS);
        matrix.row("POST /api/v1/personal-data/lead-erasures", f -> "/api/v1/personal-data/lead-erasures",
                f -> "{\"email\":\"lead@customer.example\"}",
                401, 401, 401, 403, 403, 403, 202, 202, 202, 403, 403, 401, 403).inProfileAs(MANAGE_USERS);
        matrix.row("GET /api/v1/personal-data/lead-erasures", f -> "/api/v1/personal-data/lead-erasures",
                401, 401, 401, 403, 403, 403, 200, 200, 200, 403, 403, 401, 403).inProfileAs(MANAGE_USERS);
        // LIF-05: the same deletion with an heir per category (here: none)
        matrix.row("POST /api/v1/users/{id}/deletion", f -> "/api/v1/users/" + f.subject().get() + "/deletion",
                f -> "{\"heirs\":{\"futureBookings\":null,\"poolMemberships\":null,\"salesforceRecords\":null,"
                        + "\"notificationSubscriptions\":null},\"dryRun\":false}",
                401, 401, 401, 403, 403, 403, 403, 204, 404, 403, 403, 401, 403).inProfileAs(MANAGE_USERS);
        // the subject is active: the owners pass the role check and meet 409 (already active)
        matrix.row("POST /api/v1/users/{id}/activate", f -> "/api/v1/users/" + f.subject().get() + "/activate",
                401, 401, 401, 403, 403, 403, 409, 409, 404, 409, 403, 401, 403).partnerScope(WRITE).inProfileAs(MANAGE_USERS);
        matrix.row("POST /api/v1/users/{id}/apply-to-others", f -> "/api/v1/users/" + f.subject().get() + "/apply-to-others",
                f -> "{\"fields\":[\"CONTACT\"],\"targetUserIds\":[\"" + f.invited().get() + "\"],\"dryRun\":true}", OWNERS_200)
                .changesNothing().inProfileAs(MANAGE_USERS);
        matrix.row("POST /api/v1/users/{id}/convert-to-regular", f -> "/api/v1/users/" + f.subject().get() + "/convert-to-regular",
                f -> "{\"permissionProfileId\":\"" + f.org().standardProfile() + "\"}",
                401, 401, 401, 403, 403, 403, 409, 409, 404, 403, 403, 401, 403).inProfileAs(MANAGE_USERS);
        matrix.row("POST /api/v1/users/{id}/deactivate", f -> "/api/v1/users/" + f.subject().get() + "/deactivate",
                OWNERS_OR_PARTNER_200).partnerScope(WRITE).inProfileAs(MANAGE_USERS);
        matrix.row("POST /api/v1/users/{id}/invitation/resend", f -> "/api/v1/users/" + f.invited().get() + "/invitation/resend",
                401, 401, 401, 403, 403, 403, 204, 204, 404, 204, 403, 401, 403).partnerScope(WRITE).inProfileAs(MANAGE_USERS);
        // the identity provider has the same address: the refresh changes nothing
        matrix.row("POST /api/v1/users/{id}/refresh-email", f -> "/api/v1/users/" + withIdentityAccount(f.subject().get())
                + "/refresh-email", OWNERS_200).changesNothing().inProfileAs(MANAGE_USERS);
        matrix.row("POST /api/v1/users/{id}/remove", f -> "/api/v1/users/" + f.subject().get() + "/remove", OWNERS_204).inProfileAs(MANAGE_USERS);

        String group = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"G%s\",\"members\":[]}";
        String patch = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\","
                + "\"path\":\"%s\",\"value\":%s}]}";
        matrix.row("GET /scim/v2/Groups", f -> "/scim/v2/Groups", SCIM_ONLY).partnerScope("scim");
        matrix.row("POST /scim/v2/Groups", f -> "/scim/v2/Groups", f -> group.formatted(UUID.randomUUID()), scim(201))
                .partnerScope("scim").contentType(SCIM);
        matrix.row("PUT /scim/v2/Groups/{id}", f -> "/scim/v2/Groups/" + f.scimGroup().get(), f -> group.formatted(UUID.randomUUID()),
                SCIM_ONLY).partnerScope("scim").contentType(SCIM);
        matrix.row("PATCH /scim/v2/Groups/{id}", f -> "/scim/v2/Groups/" + f.scimGroup().get(),
                f -> patch.formatted("displayName", "\"G" + UUID.randomUUID() + "\""), SCIM_ONLY).partnerScope("scim").contentType(SCIM);
        matrix.row("GET /scim/v2/Groups/{id}", f -> "/scim/v2/Groups/" + f.scimGroup().get(), SCIM_ONLY).partnerScope("scim");
        String search = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"count\":1}";
        matrix.row("POST /scim/v2/Groups/.search", f -> "/scim/v2/Groups/.search", f -> search, SCIM_ONLY).partnerScope("scim")
                .contentType(SCIM).changesNothing();
        matrix.row("POST /scim/v2/Users/.search", f -> "/scim/v2/Users/.search", f -> search, SCIM_ONLY).partnerScope("scim")
                .contentType(SCIM).changesNothing();
        matrix.row("POST /scim/v2/.search", f -> "/scim/v2/.search", f -> search, SCIM_ONLY).partnerScope("scim")
                .contentType(SCIM).changesNothing();
        matrix.row("DELETE /scim/v2/Groups/{id}", f -> "/scim/v2/Groups/" + f.scimGroup().get(), scim(204)).partnerScope("scim");
        matrix.row("GET /scim/v2/ResourceTypes", f -> "/scim/v2/ResourceTypes", SCIM_ONLY).partnerScope("scim");
        matrix.row("GET /scim/v2/ResourceTypes/{name}", f -> "/scim/v2/ResourceTypes/User", SCIM_ONLY).partnerScope("scim")
                .notTenantIds();
        matrix.row("GET /scim/v2/Schemas", f -> "/scim/v2/Schemas", SCIM_ONLY).partnerScope("scim");
        matrix.row("GET /scim/v2/Schemas/{id}", f -> "/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User", SCIM_ONLY)
                .partnerScope("scim").notTenantIds();
        matrix.row("GET /scim/v2/ServiceProviderConfig", f -> "/scim/v2/ServiceProviderConfig", SCIM_ONLY).partnerScope("scim");
        matrix.row("GET /scim/v2/Users", f -> "/scim/v2/Users", SCIM_ONLY).partnerScope("scim");
        matrix.row("POST /scim/v2/Users", f -> "/scim/v2/Users", f -> scimUser("s" + UUID.randomUUID().toString().substring(0, 8)
                + "@outside.example"), scim(201)).partnerScope("scim").contentType(SCIM);
        matrix.row("PUT /scim/v2/Users/{id}", f -> "/scim/v2/Users/" + f.scimUser().get(), f -> null, SCIM_ONLY)
                .partnerScope("scim").contentType(SCIM)
                .request((f, r) -> r.contentType(SCIM).body(scimUser(f.scimEmail().get())));
        matrix.row("PATCH /scim/v2/Users/{id}", f -> "/scim/v2/Users/" + f.scimUser().get(), f -> patch.formatted("title", "\"CTO\""),
                SCIM_ONLY).partnerScope("scim").contentType(SCIM);
        matrix.row("GET /scim/v2/Users/{id}", f -> "/scim/v2/Users/" + f.scimUser().get(), SCIM_ONLY).partnerScope("scim");
        matrix.row("DELETE /scim/v2/Users/{id}", f -> "/scim/v2/Users/" + f.scimUser().get(), scim(204)).partnerScope("scim");
        return matrix;
    }

    /** SCIM_ONLY with another success status. */
    private static int[] scim(int success) {
        int[] row = SCIM_ONLY.clone();
        row[CallerKind.PARTNER_WITH_SCOPE.ordinal()] = success;
        return row;
    }

    private static String scimUser(String email) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                 "name":{"familyName":"Sato","givenName":"Hana"},"emails":[{"value":"%s","type":"work","primary":true}],"active":true}
                """.formatted(email, email);
    }

    private Shared shared() {
        if (shared == null || !shared.org().superAdmin().toString().equals(
                shared.org().asSuperAdmin().get("/api/v1/organization").then().extract().path("superAdminUserId"))) {
            UserFixtures.Org org = newOrganization();
            org.regularSeats(500);
            UserFixtures.Org other = newOrganization();
            UUID deactivated = org.addActive("OWNER", "REGULAR");
            org.asSuperAdmin().post("/api/v1/users/" + deactivated + "/deactivate").then().statusCode(200);
            Callers callers = Callers.inOrganization(org.id())
                    .with(CallerKind.RESTRICTED, org.addActive("RESTRICTED", "REGULAR"))
                    .with(CallerKind.MEMBER, org.addActive("MEMBER", "REGULAR"))
                    .with(CallerKind.MANAGER, org.addActive("MANAGER", "REGULAR"))
                    .with(CallerKind.OWNER, org.addActive("OWNER", "REGULAR"))
                    .with(CallerKind.SUPER_ADMIN, org.superAdmin())
                    .with(CallerKind.DEACTIVATED, deactivated)
                    .with(CallerKind.OWNER_WITHOUT_PROFILE_PERMISSIONS, ownerWithEmptyProfile(org))
                    .withOtherOrganization(other.id(), other.superAdmin());
            String importId = org.asSuperAdmin().contentType("multipart/form-data")
                    .multiPart("file", "users.csv", "email,lastName\nnot-an-email,B\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                    .post("/api/v1/user-imports").then().statusCode(202).extract().path("id");
            shared = new Shared(org, importId, callers);
        }
        return shared;
    }

    private Fixture fixture() {
        Shared s = shared();
        UserFixtures.Org org = s.org();
        Lazy<UUID> subject = Lazy.of(() -> org.addActive("MEMBER", "REGULAR"));
        Lazy<UUID> invited = Lazy.of(() -> org.addInvited("MEMBER"));
        Lazy<String> token = Lazy.of(() -> knownInvitationToken(invited.get()));
        Lazy<UUID> invitationId = Lazy.of(() -> pendingInvitation(invited.get()));
        Lazy<ExtractableResponse<Response>> team = Lazy.of(() -> org.asSuperAdmin()
                .body("{\"name\":\"Team " + UUID.randomUUID() + "\"}").post("/api/v1/teams").then().statusCode(201).extract());
        Lazy<String> scimEmail = Lazy.of(() -> "scim" + UUID.randomUUID().toString().substring(0, 8) + "@outside.example");
        Lazy<String> scimUser = Lazy.of(() -> scim(org).body(scimUser(scimEmail.get())).post("/scim/v2/Users")
                .then().statusCode(201).extract().path("id"));
        Lazy<String> scimGroup = Lazy.of(() -> scim(org).body("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"G" + UUID.randomUUID() + "\",\"members\":[]}").post("/scim/v2/Groups")
                .then().statusCode(201).extract().path("id"));
        Lazy<ExtractableResponse<Response>> profile = Lazy.of(() -> org.asSuperAdmin()
                .body("{\"name\":\"P " + UUID.randomUUID() + "\",\"userType\":\"REGULAR\",\"permissions\":[]}")
                .post("/api/v1/permission-profiles").then().statusCode(201).extract());
        Lazy<String> subjectEtag = Lazy.of(() -> org.asSuperAdmin().get("/api/v1/users/" + subject.get()).header("ETag"));
        return new Fixture(org, subject, subjectEtag, invited, token, invitationId, team, s.importId(), scimEmail, scimUser,
                scimGroup, profile, s.callers());
    }

    /** An OWNER of {@code org} whose permission profile grants nothing (USR-07). */
    private static UUID ownerWithEmptyProfile(UserFixtures.Org org) {
        String empty = org.asSuperAdmin().body("{\"name\":\"Nothing granted\",\"userType\":\"REGULAR\",\"permissions\":[]}")
                .post("/api/v1/permission-profiles").then().statusCode(201).extract().path("id");
        UUID owner = org.addActive("OWNER", "REGULAR");
        String etag = org.asSuperAdmin().get("/api/v1/users/" + owner).then().extract().header("ETag");
        org.asSuperAdmin().header("If-Match", etag).body("{\"lastName\":\"Narrow\",\"permissionProfileId\":\"" + empty + "\"}")
                .put("/api/v1/users/" + owner).then().statusCode(200);
        return owner;
    }

    private static RequestSpecification scim(UserFixtures.Org org) {
        return given().auth().oauth2(TestTokens.partner(org.id(), "scim")).contentType(SCIM).accept(SCIM);
    }

    /** {@code user}, once the identity sync (driven by this service's events) has made their account. */
    private static UUID withIdentityAccount(UUID user) {
        Await.until("the identity account of " + user, () -> FakeKeycloak.instance.account(user).isPresent(), Duration.ofSeconds(30));
        return user;
    }

    private UUID pendingInvitation(UUID user) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select id from invitation where user_id = ? and status = 'PENDING'")) {
            ps.setObject(1, user);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no pending invitation for " + user);
                }
                return rs.getObject(1, UUID.class);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The invitation link's token only travels by mail: the test gives the pending invitation one it knows. */
    private String knownInvitationToken(UUID user) {
        String token = "matrix-" + UUID.randomUUID();
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("update invitation set token_hash = ? where user_id = ? and status = 'PENDING'")) {
            ps.setString(1, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8))));
            ps.setObject(2, user);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("no pending invitation for " + user);
            }
            return token;
        } catch (SQLException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
