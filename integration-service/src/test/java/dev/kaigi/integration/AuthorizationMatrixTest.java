package dev.kaigi.integration;

import dev.kaigi.chassis.security.PartnerScopes;
import dev.kaigi.events.internal.InternalPaths;
import dev.kaigi.events.scheduling.ConferencingMethod;
import dev.kaigi.events.scheduling.MeetingBooked;
import dev.kaigi.events.user.DeactivationReason;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserDeactivated;
import dev.kaigi.events.user.UserType;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestEvents;
import dev.kaigi.testsupport.authz.AuthorizationMatrix;
import dev.kaigi.testsupport.authz.AuthorizationMatrixContract;
import dev.kaigi.testsupport.authz.CallerKind;
import dev.kaigi.testsupport.authz.Callers;
import dev.kaigi.testsupport.authz.ProfilelessOwners;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static dev.kaigi.events.user.ProfilePermission.MANAGE_INTEGRATIONS;
import static dev.kaigi.events.user.ProfilePermission.MANAGE_USERS;
import static dev.kaigi.events.user.ProfilePermission.SEE_ALL_BOOKINGS;
import static dev.kaigi.events.user.ProfilePermission.SEE_AUDIT_LOG;
import static dev.kaigi.integration.Fixtures.activeUser;
import static dev.kaigi.integration.Fixtures.count;
import static dev.kaigi.integration.Fixtures.lifecycle;
import static dev.kaigi.integration.Fixtures.organization;

/**
 * The authorization matrix: every endpoint of the served OpenAPI document, called by every kind of caller
 * ({@link CallerKind}), with the status each must get written down below; an endpoint without a row
 * fails. The {@code /users/{userId}/...} paths name the MEMBER caller, so the MEMBER column is the
 * user acting on their own connections (INT-01, INT-04: only they may link them) and the other
 * columns are others acting on them. Another organization gets 404 for every id of ours. Partner
 * tokens have no user role: 403.
 */
@QuarkusTest
class AuthorizationMatrixTest extends AuthorizationMatrixContract<AuthorizationMatrixTest.Fixture> {

    private static Fixture fixture;

    @Inject
    AgroalDataSource db;

    /** An organization whose users are known here; the MEMBER is the subject of the per-user paths and hosts the booking. */
    record Fixture(UUID org, UUID member, UUID booking, Callers callers) {
    }

    // columns: ANONYMOUS, EXPIRED, TAMPERED, RESTRICTED, MEMBER, MANAGER, OWNER, SUPER_ADMIN, OTHER_ORG_SUPER_ADMIN,
    //          PARTNER_WITH_SCOPE, PARTNER_WITHOUT_SCOPE, DEACTIVATED, SERVICE
    // an OWNER whose permission profile grants nothing answers as OWNER, or as a row's inProfileAs says (USR-07)
    private static final int[] OWNERS = {401, 401, 401, 403, 403, 403, 200, 200, 200, 403, 403, 401, 403};
    /** Let in, then nothing there: the organization has no Salesforce connection (another organization reads its own). */
    private static final int[] OWNERS_NOTHING_THERE = {401, 401, 401, 403, 403, 403, 404, 404, 404, 403, 403, 401, 403};
    /** The member themself or an OWNER, let in, then nothing there (no connection or mail-option settings yet). */
    private static final int[] SELF_OR_OWNERS_NOTHING_THERE = {401, 401, 401, 403, 404, 403, 404, 404, 404, 403, 403, 401, 403};
    private static final int[] OWNERS_FOR_THE_MEMBER = {401, 401, 401, 403, 403, 403, 200, 200, 404, 403, 403, 401, 403};
    private static final int[] SELF_OR_OWNERS = {401, 401, 401, 403, 200, 403, 200, 200, 404, 403, 403, 401, 403};
    /** Any user of an organization, let in, then nothing there. */
    private static final int[] USERS_NOTHING_THERE = {401, 401, 401, 404, 404, 404, 404, 404, 404, 403, 403, 401, 403};
    private static final int[] SERVICE_ONLY = {401, 401, 401, 403, 403, 403, 403, 403, 403, 403, 403, 401, 200};

    @Override
    protected AuthorizationMatrix<Fixture> table() {
        AuthorizationMatrix<Fixture> matrix = AuthorizationMatrix.of(this::fixture, Fixture::callers);
        // SEC-02: the organization's audit trail, OWNERs only; another organization's owner reads its own (empty) one
        matrix.row("GET /api/v1/audit-events", f -> "/api/v1/audit-events", OWNERS).inProfileAs(SEE_AUDIT_LOG);
        // SEC-04: what this service keeps about a person, for user-service's export
        matrix.row("GET /api/v1/internal/organizations/{orgId}/users/{userId}/personal-data",
                f -> "/api/v1/internal/organizations/" + f.org() + "/users/" + f.member() + "/personal-data", SERVICE_ONLY);
        matrix.row("POST /api/v1/internal/organizations/{orgId}/lead-personal-data",
                f -> "/api/v1/internal/organizations/" + f.org() + "/lead-personal-data",
                f -> "{\"email\":\"lead@customer.example\"}", SERVICE_ONLY);

        String users = "/api/v1/mail-option-users/";
        matrix.row("GET /api/v1/mail-option-users", f -> "/api/v1/mail-option-users", OWNERS).inProfileAs(MANAGE_INTEGRATIONS);
        matrix.row("GET /api/v1/mail-option-users/{userId}", f -> users + f.member(), SELF_OR_OWNERS_NOTHING_THERE).inProfileAs(MANAGE_INTEGRATIONS);
        matrix.row("PUT /api/v1/mail-option-users/{userId}/settings", f -> users + f.member() + "/settings",
                f -> "{\"mailboxType\":\"IMAP\",\"mailboxEmail\":\"m@acme.test\",\"sharing\":\"DONT_SHARE\"}", SELF_OR_OWNERS).inProfileAs(MANAGE_INTEGRATIONS);
        // a member without mail-option settings cannot be locked: the owners pass the role check and meet 409
        matrix.row("POST /api/v1/mail-option-users/{userId}/lock", f -> users + f.member() + "/lock",
                401, 401, 401, 403, 403, 403, 409, 409, 404, 403, 403, 401, 403).inProfileAs(MANAGE_INTEGRATIONS);
        matrix.row("POST /api/v1/mail-option-users/{userId}/unlock", f -> users + f.member() + "/unlock", OWNERS_FOR_THE_MEMBER).inProfileAs(MANAGE_INTEGRATIONS);
        // the member is still active: the owners pass the role check and meet 409
        matrix.row("POST /api/v1/mail-option-users/{userId}/backup", f -> users + f.member() + "/backup",
                401, 401, 401, 403, 403, 403, 409, 409, 404, 403, 403, 401, 403).inProfileAs(MANAGE_INTEGRATIONS);
        matrix.row("POST /api/v1/mail-option-users/{userId}/latest-backup", f -> users + f.member() + "/latest-backup",
                401, 401, 401, 403, 403, 403, 409, 409, 404, 403, 403, 401, 403).inProfileAs(MANAGE_INTEGRATIONS);
        matrix.row("GET /api/v1/mail-option-users/{userId}/backups", f -> users + f.member() + "/backups", OWNERS_FOR_THE_MEMBER)
                .inProfileAs(MANAGE_INTEGRATIONS);
        // INT-11: after the settings row, so the member has settings to add an IMAP login to
        matrix.row("PUT /api/v1/mail-option-users/{userId}/imap-connection", f -> users + f.member() + "/imap-connection",
                f -> "{\"host\":\"imap.acme.test\",\"port\":993,\"security\":\"SSL\",\"username\":\"m\",\"password\":\"p\"}",
                SELF_OR_OWNERS).inProfileAs(MANAGE_INTEGRATIONS);
        matrix.row("DELETE /api/v1/mail-option-users/{userId}/imap-connection", f -> users + f.member() + "/imap-connection",
                SELF_OR_OWNERS).inProfileAs(MANAGE_INTEGRATIONS);

        // INT-11: every user of the organization lists the backed-up mail they are related to (none here); an id
        // that is not one they may read answers 404; partners and services are refused
        String messages = "/api/v1/backed-up-messages";
        matrix.row("GET /api/v1/backed-up-messages", f -> messages, 401, 401, 401, 200, 200, 200, 200, 200, 200, 403, 403, 401, 403);
        matrix.row("GET /api/v1/backed-up-messages/{messageId}", f -> messages + "/" + UUID.randomUUID(), USERS_NOTHING_THERE);
        matrix.row("GET /api/v1/backed-up-messages/{messageId}/raw", f -> messages + "/" + UUID.randomUUID() + "/raw",
                USERS_NOTHING_THERE);

        String salesforce = "/api/v1/organization/salesforce-connection";
        matrix.row("GET /api/v1/organization/salesforce-connection", f -> salesforce, OWNERS_NOTHING_THERE).inProfileAs(MANAGE_INTEGRATIONS);
        matrix.row("DELETE /api/v1/organization/salesforce-connection", f -> salesforce,
                401, 401, 401, 403, 403, 403, 204, 204, 204, 403, 403, 401, 403).inProfileAs(MANAGE_INTEGRATIONS);
        // a code and state the identity provider never issued: the owners pass the role check and meet 400
        matrix.row("PUT /api/v1/organization/salesforce-connection", f -> salesforce,
                f -> "{\"code\":\"forged\",\"state\":\"forged\"}",
                401, 401, 401, 403, 403, 403, 400, 400, 400, 403, 403, 401, 403).inProfileAs(MANAGE_INTEGRATIONS);
        matrix.row("POST /api/v1/organization/salesforce-connection/authorization", f -> salesforce + "/authorization", OWNERS).inProfileAs(MANAGE_INTEGRATIONS);
        matrix.row("POST /api/v1/organization/salesforce-connection/sync", f -> salesforce + "/sync", OWNERS_NOTHING_THERE).inProfileAs(MANAGE_INTEGRATIONS);

        // INT-10: the organization's Slack installation, OWNERs only, like Salesforce's connection
        String slack = "/api/v1/organization/slack-installation";
        matrix.row("GET /api/v1/organization/slack-installation", f -> slack, OWNERS_NOTHING_THERE)
                .inProfileAs(MANAGE_INTEGRATIONS);
        matrix.row("DELETE /api/v1/organization/slack-installation", f -> slack,
                401, 401, 401, 403, 403, 403, 204, 204, 204, 403, 403, 401, 403).inProfileAs(MANAGE_INTEGRATIONS);
        matrix.row("PUT /api/v1/organization/slack-installation", f -> slack, f -> "{\"code\":\"forged\",\"state\":\"forged\"}",
                401, 401, 401, 403, 403, 403, 400, 400, 400, 403, 403, 401, 403).inProfileAs(MANAGE_INTEGRATIONS);
        matrix.row("POST /api/v1/organization/slack-installation/authorization", f -> slack + "/authorization", OWNERS)
                .inProfileAs(MANAGE_INTEGRATIONS);

        // HOOK-01, HOOK-03: webhook subscriptions, for OWNERs and partners with webhooks:write (webhooks:read reads);
        // the ids are nobody's, so those let in find nothing there
        String hooks = "/api/v1/webhook-subscriptions";
        String hook = hooks + "/" + UUID.randomUUID();
        String delivery = hook + "/deliveries/" + UUID.randomUUID();
        String subscription = "{\"url\":\"http://127.0.0.1:9/hook\",\"eventTypes\":[\"meeting.booked\"]}";
        int[] hookOwnersOrPartner = {401, 401, 401, 403, 403, 403, 200, 200, 200, 200, 403, 401, 403};
        int[] noSuchHook = {401, 401, 401, 403, 403, 403, 404, 404, 404, 404, 403, 401, 403};
        matrix.row("GET /api/v1/webhook-subscriptions", f -> hooks, hookOwnersOrPartner)
                .inProfileAs(MANAGE_INTEGRATIONS).partnerScope(PartnerScopes.WEBHOOKS_READ);
        matrix.row("POST /api/v1/webhook-subscriptions", f -> hooks, f -> subscription,
                401, 401, 401, 403, 403, 403, 201, 201, 201, 201, 403, 401, 403)
                .inProfileAs(MANAGE_INTEGRATIONS).partnerScope(PartnerScopes.WEBHOOKS_WRITE);
        matrix.row("GET /api/v1/webhook-subscriptions/{subscriptionId}", f -> hook, noSuchHook)
                .inProfileAs(MANAGE_INTEGRATIONS).partnerScope(PartnerScopes.WEBHOOKS_READ);
        matrix.row("PUT /api/v1/webhook-subscriptions/{subscriptionId}", f -> hook, f -> subscription, noSuchHook)
                .inProfileAs(MANAGE_INTEGRATIONS).partnerScope(PartnerScopes.WEBHOOKS_WRITE);
        matrix.row("DELETE /api/v1/webhook-subscriptions/{subscriptionId}", f -> hook, noSuchHook)
                .inProfileAs(MANAGE_INTEGRATIONS).partnerScope(PartnerScopes.WEBHOOKS_WRITE);
        matrix.row("POST /api/v1/webhook-subscriptions/{subscriptionId}/secret-rotations", f -> hook + "/secret-rotations",
                f -> "{}", noSuchHook).inProfileAs(MANAGE_INTEGRATIONS).partnerScope(PartnerScopes.WEBHOOKS_WRITE);
        matrix.row("GET /api/v1/webhook-subscriptions/{subscriptionId}/deliveries", f -> hook + "/deliveries", noSuchHook)
                .inProfileAs(MANAGE_INTEGRATIONS).partnerScope(PartnerScopes.WEBHOOKS_READ);
        matrix.row("GET /api/v1/webhook-subscriptions/{subscriptionId}/deliveries/{deliveryId}", f -> delivery, noSuchHook)
                .inProfileAs(MANAGE_INTEGRATIONS).partnerScope(PartnerScopes.WEBHOOKS_READ);
        matrix.row("POST /api/v1/webhook-subscriptions/{subscriptionId}/deliveries/{deliveryId}/redeliveries",
                f -> delivery + "/redeliveries", noSuchHook)
                .inProfileAs(MANAGE_INTEGRATIONS).partnerScope(PartnerScopes.WEBHOOKS_WRITE);

        // MTG-06: a booking's side effects, for its host (the MEMBER) and the organization's MANAGERs and OWNERs
        matrix.row("GET /api/v1/bookings/{bookingId}/side-effects", f -> "/api/v1/bookings/" + f.booking() + "/side-effects",
                401, 401, 401, 403, 200, 200, 200, 200, 404, 403, 403, 401, 403).inProfileAs(SEE_ALL_BOOKINGS);

        // LIF-05: a user's booking notification subscriptions, theirs (not a RESTRICTED user's) or an OWNER's for them;
        // each allowed call subscribes to another meeting type, so none meets an earlier one's 409
        String subscriptions = "/api/v1/users/{userId}/notification-subscriptions";
        java.util.function.Function<Fixture, String> subscriptionsOf = f -> "/api/v1/users/" + f.member() + "/notification-subscriptions";
        matrix.row("GET " + subscriptions, subscriptionsOf, SELF_OR_OWNERS).inProfileAs(MANAGE_USERS);
        matrix.row("POST " + subscriptions, subscriptionsOf,
                f -> "{\"meetingTypeId\":\"" + UUID.randomUUID() + "\",\"channel\":\"MAIL\"}",
                401, 401, 401, 403, 201, 403, 201, 201, 404, 403, 403, 401, 403).inProfileAs(MANAGE_USERS);
        matrix.row("DELETE " + subscriptions + "/{subscriptionId}", f -> subscriptionsOf.apply(f) + "/" + UUID.randomUUID(),
                SELF_OR_OWNERS_NOTHING_THERE).inProfileAs(MANAGE_USERS);

        // LIF-05: what became of deleted users' Salesforce opportunities, OWNERs only (another organization reads its own)
        matrix.row("GET /api/v1/organization/salesforce-connection/ownership-transfers", f -> salesforce + "/ownership-transfers",
                OWNERS).inProfileAs(MANAGE_INTEGRATIONS);
        // LIF-05: user-service's preview of a deletion with transfer, for the service role only
        matrix.row("POST " + InternalPaths.TRANSFER_PREVIEW,
                f -> InternalPaths.TRANSFER_PREVIEW.replace("{orgId}", f.org().toString()).replace("{userId}", f.member().toString()),
                f -> "{\"salesforceRecords\":null,\"notificationSubscriptions\":null}",
                401, 401, 401, 403, 403, 403, 403, 403, 403, 403, 403, 401, 200).changesNothing();

        for (String kind : new String[] {"calendar", "zoom"}) {
            String base = "/api/v1/users/{userId}/" + kind + "-connection";
            java.util.function.Function<Fixture, String> path = f -> "/api/v1/users/" + f.member() + "/" + kind + "-connection";
            matrix.row("GET " + base, path, SELF_OR_OWNERS_NOTHING_THERE).inProfileAs(MANAGE_INTEGRATIONS);
            // unlinking is the user's own act, like linking (INT-01, INT-04): not even an OWNER's
            matrix.row("DELETE " + base, path, 401, 401, 401, 403, 204, 403, 403, 403, 404, 403, 403, 401, 403);
            matrix.row("PUT " + base, path, f -> "{\"code\":\"forged\",\"state\":\"forged\"}",
                    401, 401, 401, 403, 400, 403, 403, 403, 404, 403, 403, 401, 403);
            matrix.row("POST " + base + "/authorization", f -> path.apply(f) + "/authorization",
                    f -> kind.equals("calendar") ? "{\"provider\":\"GOOGLE\"}" : null,
                    401, 401, 401, 403, 200, 403, 403, 403, 404, 403, 403, 401, 403).changesNothing();
        }
        return matrix;
    }

    /**
     * One organization for the whole table: refused calls change nothing, and what the allowed ones change
     * (a lock, settings, a removed connection) leaves every later row answering the same.
     */
    private Fixture fixture() {
        if (fixture == null) {
            UUID org = organization(db, "Acme");
            String domain = "@acme-" + org.toString().substring(0, 8) + ".test";
            UUID deactivated = activeUser(db, org, "gone" + domain, Role.OWNER);
            lifecycle(db, new UserDeactivated(org, deactivated, UserType.REGULAR, null, DeactivationReason.ADMIN), deactivated,
                    "DEACTIVATED");
            Callers callers = Callers.inOrganization(org)
                    .with(CallerKind.RESTRICTED, activeUser(db, org, "restricted" + domain, Role.RESTRICTED))
                    .with(CallerKind.MEMBER, activeUser(db, org, "member" + domain, Role.MEMBER))
                    .with(CallerKind.MANAGER, activeUser(db, org, "manager" + domain, Role.MANAGER))
                    .with(CallerKind.OWNER, activeUser(db, org, "owner" + domain, Role.OWNER))
                    .with(CallerKind.SUPER_ADMIN, activeUser(db, org, "admin" + domain, Role.OWNER))
                    .with(CallerKind.DEACTIVATED, deactivated)
                    .with(CallerKind.OWNER_WITHOUT_PROFILE_PERMISSIONS, ProfilelessOwners.join(org));
            UUID member = callers.user(CallerKind.MEMBER);
            MeetingBooked booked = new MeetingBooked(org, UUID.randomUUID(), UUID.randomUUID(), "Demo", member,
                    Instant.parse("2030-04-01T01:00:00Z"), Instant.parse("2030-04-01T01:30:00Z"), "Asia/Tokyo",
                    ConferencingMethod.PHONE, "Lead", "lead" + domain, null, "en", null, null, null);
            TestEvents.publish(booked);
            Await.until("the booking's effects", () -> count(db, "select count(*) from side_effect where subject_id = ?",
                    booked.bookingId()) == 4, Duration.ofSeconds(60));
            fixture = new Fixture(org, member, booked.bookingId(), callers);
        }
        return fixture;
    }
}
