package dev.kaigi.user.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kaigi.events.user.DeactivationReason;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import dev.kaigi.user.account.AccountService;
import dev.kaigi.user.account.ProfileRequests.AddUser;
import dev.kaigi.user.account.ProfileRequests.UpdateProfile;
import dev.kaigi.user.directory.OrganizationRepository;
import dev.kaigi.user.directory.PermissionProfile;
import dev.kaigi.user.directory.PermissionProfileRepository;
import dev.kaigi.user.directory.UserAccount;
import dev.kaigi.user.directory.UserRepository;
import dev.kaigi.user.lifecycle.LifecycleService;
import dev.kaigi.user.security.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * SCIM Users (RFC 7644 §3.3–3.6) on top of the account and lifecycle services: create is the
 * REST API's add (seat, INVITED or ACTIVE per INV-04, events), replace and PATCH become profile
 * edits, deactivation or activation, and delete is the REST API's remove (LIF-03). The rules stay
 * in those services; this class only translates.
 */
@ApplicationScoped
public class ScimUserService {

    /** A page of users, with the organization's super admin for the representation. */
    record Listed(List<UserAccount> users, long total, UUID superAdminId) {

        List<ObjectNode> json(URI base) {
            return users.stream().map(u -> ScimUserJson.of(u, superAdminId, base)).toList();
        }
    }

    @Inject
    AccountService accounts;
    @Inject
    LifecycleService lifecycle;
    @Inject
    OrganizationRepository organizations;
    @Inject
    UserRepository users;
    @Inject
    ScimProvisioningAttributes provisioning;
    @Inject
    PermissionProfileRepository profiles;
    @Inject
    Validator validator;
    @Inject
    EntityManager em;

    @Transactional
    public ScimResource.Page list(UUID orgId, ScimListRequest request, URI base) {
        ScimQuery query = new ScimQuery(ScimUserJson.FIELDS, ScimSchemas.USER);
        String condition = request.filter() == null ? null : query.where(ScimFilter.parse(request.filter()));
        String order = request.sortBy() == null ? null : query.orderBy(request.sortBy()) + (request.descending() ? " desc" : "");
        Listed page = page(orgId, query, condition, order, request.startIndex() - 1, request.count());
        return new ScimResource.Page(page.json(base), page.total());
    }

    /**
     * The live users matching {@code condition} (compiled by {@code query}, null for all), ordered by
     * {@code order} (null: creation order), from the 0-based {@code offset}.
     */
    @Transactional
    Listed page(UUID orgId, ScimQuery query, String condition, String order, int offset, int limit) {
        Map<String, Object> params = new LinkedHashMap<>(query.params());
        params.put("org", orgId);
        params.put("deleted", UserStatus.DELETED);
        ScimResultPage<UserAccount> page = ScimResultPage.of(em, UserAccount.class, "u",
                "u.orgId = :org and u.status <> :deleted" + (condition == null ? "" : " and " + condition), params,
                (order == null ? "u.createdAt" : order) + ", u.id", offset, limit);
        return new Listed(page.items(), page.total(), superAdmin(orgId));
    }

    @Transactional
    public ScimResource get(UUID orgId, UUID id, URI base) {
        return resource(accounts.get(orgId, id), base);
    }

    private UUID superAdmin(UUID orgId) {
        return organizations.superAdminOf(orgId);
    }

    private ScimResource resource(UserAccount u, URI base) {
        return new ScimResource(ScimUserJson.of(u, superAdmin(u.orgId), base), Long.toString(u.version));
    }

    /** POST /Users: the REST API's add (INV-01, INV-04, INV-05, LIC-04), then what the add does not carry. */
    @Transactional
    public ScimResource create(Actor actor, JsonNode body, URI base) {
        ScimUserJson.State s = ScimUserJson.State.of(ScimPatch.normalized(body));
        if (s.email() == null) {
            throw ScimProblems.invalidValue("userName (the user's email address) is required.");
        }
        requireSingleAddress(s);
        requireFamilyName(s);
        UserType type = s.userType() == null ? UserType.REGULAR : s.userType();
        UUID profile = s.permissionProfileId() != null ? s.permissionProfileId() : systemProfile(actor.orgId(), type);
        AddUser add = valid(new AddUser(s.email().strip(), s.familyName(), s.givenName(),
                s.role() == null ? Role.MEMBER : s.role(), type, profile, s.locale()));
        UserAccount u = users.findById(accounts.add(actor, add).id());
        return resource(apply(actor, u, s), base);
    }

    /** PUT /Users/{id}: the whole user as sent; attributes left out are cleared, except role, type, profile and active (kept). */
    @Transactional
    public ScimResource replace(Actor actor, UUID id, JsonNode body, Long expectedVersion, URI base) {
        UserAccount u = current(actor, id, expectedVersion);
        ScimUserJson.State s = ScimUserJson.State.of(ScimPatch.normalized(body));
        if (s.email() == null) {
            throw ScimProblems.invalidValue("userName (the user's email address) is required.");
        }
        return resource(deprovisionedInvitee(u, s) ? revokeInvitation(actor, u, s) : apply(actor, u, s), base);
    }

    /** PATCH /Users/{id}: the operations applied to the user as it is, then made so as a replace. */
    @Transactional
    public ScimResource patch(Actor actor, UUID id, JsonNode body, Long expectedVersion, URI base) {
        UserAccount u = current(actor, id, expectedVersion);
        ObjectNode now = (ObjectNode) ScimPatch.normalized(ScimUserJson.of(u, superAdmin(u.orgId), null));
        ObjectNode wanted = ScimPatch.apply(now, body, ScimUserJson.SHAPE);
        ScimUserJson.State s = ScimUserJson.State.of(wanted);
        return resource(deprovisionedInvitee(u, s) ? revokeInvitation(actor, u, s) : apply(actor, u, s), base);
    }

    /**
     * Identity providers deprovision with {@code active=false} whether or not the person ever
     * accepted; an INVITED user cannot be deactivated (never active), so their invitation is revoked.
     */
    private static boolean deprovisionedInvitee(UserAccount u, ScimUserJson.State s) {
        return Boolean.FALSE.equals(s.active()) && u.status == UserStatus.INVITED;
    }

    /**
     * The REST API's way to take back an invitation, POST /api/v1/users/{id}/remove (LIF-03): the
     * link is voided, the seat freed, {@code user-removed} published and audited. The rest of the
     * request has nobody left to apply to, but a request that could not have been applied is still refused.
     */
    private UserAccount revokeInvitation(Actor actor, UserAccount u, ScimUserJson.State s) {
        requireSameUserName(u, s);
        requireSingleAddress(s);
        requireFamilyName(s);
        lifecycle.remove(actor, u.id);
        em.flush();
        return u;
    }

    /** DELETE /Users/{id}: removed from the organization, the seat freed (LIF-03); never the super admin (ORG-04). */
    @Transactional
    public void delete(Actor actor, UUID id, Long expectedVersion) {
        current(actor, id, expectedVersion);
        lifecycle.remove(actor, id);
    }

    private UserAccount current(Actor actor, UUID id, Long expectedVersion) {
        UserAccount u = accounts.get(actor.orgId(), id);
        if (expectedVersion != null && u.version != expectedVersion) {
            throw ScimProblems.versionMismatch();
        }
        return u;
    }

    /** Brings {@code u} to {@code s} through the services, each change under its own rules. */
    private UserAccount apply(Actor actor, UserAccount u, ScimUserJson.State s) {
        requireSameUserName(u, s);
        requireSingleAddress(s);
        requireFamilyName(s);
        if (Boolean.FALSE.equals(s.active()) && u.status != UserStatus.DEACTIVATED) {
            lifecycle.deactivate(actor, u.id, DeactivationReason.SCIM); // LIF-01; never the super admin (ORG-04)
        }
        if (Boolean.TRUE.equals(s.active()) && u.status == UserStatus.DEACTIVATED) {
            lifecycle.activate(actor, u.id); // needs a free seat (LIC-04)
        }
        if (s.userType() != null && s.userType() != u.userType) {
            if (s.userType() == UserType.TEAM) {
                throw ScimProblems.mutability("A regular user cannot become a team user (LIF-04).");
            }
            UUID profile = s.permissionProfileId() != null ? s.permissionProfileId() : systemProfile(u.orgId, UserType.REGULAR);
            lifecycle.convertToRegular(actor, u.id, profile);
        }
        UpdateProfile profile = valid(new UpdateProfile(s.familyName(), s.givenName(), s.role(),
                s.permissionProfileId(), u.contact, u.slackMemberId, u.emailSignature, u.zoomPersonalMeetingUrl,
                s.phone(), s.mobile(), s.fax(), u.website, u.address, u.otherInfo, null));
        accounts.updateProfile(actor, u.id, profile, u.version);
        provisioning.apply(actor, u, s);
        em.flush();
        return u;
    }

    private static void requireSameUserName(UserAccount u, ScimUserJson.State s) {
        if (s.email() != null && !UserAccount.emailKey(s.email()).equals(u.emailKey)) {
            throw ScimProblems.mutability("userName is the user's email address, which the identity provider refreshes (USR-04); it cannot be changed here.");
        }
    }

    private static void requireSingleAddress(ScimUserJson.State s) {
        if (s.otherEmails()) {
            throw ScimProblems.invalidValue("A Kaigi user has one address, the userName; emails may only repeat it.");
        }
    }

    private static void requireFamilyName(ScimUserJson.State s) {
        if (s.familyName() == null) {
            throw ScimProblems.invalidValue("name.familyName is required (INV-05).");
        }
    }

    /** The organization's system permission profile for {@code type}: what a user added without one gets. */
    private UUID systemProfile(UUID orgId, UserType type) {
        return profiles.ofOrganization(orgId).stream().filter(p -> p.system && p.userType == type)
                .map((PermissionProfile p) -> p.id).findFirst()
                .orElseThrow(() -> ScimProblems.invalidValue("The organization has no " + type + " permission profile; give permissionProfileId."));
    }

    /** The REST API's field rules (USR-01) on the request the SCIM body became; a refused field → invalidValue. */
    private <T> T valid(T request) {
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw ScimProblems.invalidValue(violations.stream()
                    .map(v -> ScimAttributeNames.of(v.getPropertyPath().toString()) + ": " + v.getMessage())
                    .sorted().collect(Collectors.joining("; ")) + ".");
        }
        return request;
    }
}
