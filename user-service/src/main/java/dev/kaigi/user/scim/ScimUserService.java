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
import dev.kaigi.user.account.UserAccount;
import dev.kaigi.user.audit.AuditLog;
import dev.kaigi.user.lifecycle.LifecycleService;
import dev.kaigi.user.organization.OrganizationRepository;
import dev.kaigi.user.organization.PermissionProfile;
import dev.kaigi.user.organization.PermissionProfileRepository;
import dev.kaigi.user.security.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    public record Listed(List<UserAccount> users, long total, UUID superAdminId) {
    }

    @Inject
    AccountService accounts;
    @Inject
    LifecycleService lifecycle;
    @Inject
    OrganizationRepository organizations;
    @Inject
    PermissionProfileRepository profiles;
    @Inject
    AuditLog audit;
    @Inject
    Validator validator;
    @Inject
    EntityManager em;

    @Transactional
    public Listed list(UUID orgId, ScimListRequest request) {
        ScimQuery query = new ScimQuery(ScimUserJson.FIELDS, ScimSchemas.USER);
        String where = "u.orgId = :org and u.status <> :deleted"
                + (request.filter() == null ? "" : " and " + query.where(ScimFilter.parse(request.filter())));
        String order = request.sortBy() == null ? "u.createdAt, u.id"
                : query.orderBy(request.sortBy()) + (request.descending() ? " desc" : "") + ", u.id";
        Map<String, Object> params = new LinkedHashMap<>(query.params());
        params.put("org", orgId);
        params.put("deleted", UserStatus.DELETED);
        TypedQuery<Long> count = em.createQuery("select count(u) from UserAccount u where " + where, Long.class);
        params.forEach(count::setParameter);
        long total = count.getSingleResult();
        List<UserAccount> page = List.of();
        if (request.count() > 0 && total >= request.startIndex()) {
            TypedQuery<UserAccount> select = em.createQuery("from UserAccount u where " + where + " order by " + order, UserAccount.class);
            params.forEach(select::setParameter);
            page = select.setFirstResult(request.startIndex() - 1).setMaxResults(request.count()).getResultList();
        }
        return new Listed(page, total, superAdmin(orgId));
    }

    @Transactional
    public UserAccount get(UUID orgId, UUID id) {
        return accounts.get(orgId, id);
    }

    public UUID superAdmin(UUID orgId) {
        return organizations.findById(orgId).superAdminUserId;
    }

    /** POST /Users: the REST API's add (INV-01, INV-04, INV-05, LIC-04), then what the add does not carry. */
    @Transactional
    public UserAccount create(Actor actor, JsonNode body) {
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
        UserAccount u = accounts.add(actor, add);
        return apply(actor, u, s);
    }

    /** PUT /Users/{id}: the whole user as sent; attributes left out are cleared, except role, type, profile and active (kept). */
    @Transactional
    public UserAccount replace(Actor actor, UUID id, JsonNode body, Long expectedVersion) {
        UserAccount u = current(actor, id, expectedVersion);
        ScimUserJson.State s = ScimUserJson.State.of(ScimPatch.normalized(body));
        if (s.email() == null) {
            throw ScimProblems.invalidValue("userName (the user's email address) is required.");
        }
        return apply(actor, u, s);
    }

    /** PATCH /Users/{id}: the operations applied to the user as it is, then made so as a replace. */
    @Transactional
    public UserAccount patch(Actor actor, UUID id, JsonNode body, Long expectedVersion) {
        UserAccount u = current(actor, id, expectedVersion);
        ObjectNode now = (ObjectNode) ScimPatch.normalized(ScimUserJson.of(u, superAdmin(u.orgId), null));
        ObjectNode wanted = ScimPatch.apply(now, body, ScimUserJson.SHAPE);
        return apply(actor, u, ScimUserJson.State.of(wanted));
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
        if (s.email() != null && !UserAccount.emailKey(s.email()).equals(u.emailKey)) {
            throw ScimProblems.mutability("userName is the user's email address, which the identity provider refreshes (USR-04); it cannot be changed here.");
        }
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
        provisioningAttributes(actor, u, s);
        em.flush();
        return u;
    }

    /** externalId, title, department and employee number: kept for the identity provider, audited like a profile edit. */
    private void provisioningAttributes(Actor actor, UserAccount u, ScimUserJson.State s) {
        Map<String, Object> before = new LinkedHashMap<>();
        Map<String, Object> after = new LinkedHashMap<>();
        change("externalId", u.externalId, s.externalId(), before, after);
        change("title", u.title, s.title(), before, after);
        change("department", u.department, s.department(), before, after);
        change("employeeNumber", u.employeeNumber, s.employeeNumber(), before, after);
        if (after.isEmpty()) {
            return;
        }
        requireLength("externalId", s.externalId(), 255);
        requireLength("title", s.title(), 200);
        requireLength("department", s.department(), 200);
        requireLength("employeeNumber", s.employeeNumber(), 100);
        u.externalId = s.externalId();
        u.title = s.title();
        u.department = s.department();
        u.employeeNumber = s.employeeNumber();
        audit.record(u.orgId, actor.userId(), AuditLog.Action.PROFILE_UPDATED, u.id, before, after);
    }

    private static void change(String field, String now, String wanted, Map<String, Object> before, Map<String, Object> after) {
        if (!Objects.equals(now, wanted)) {
            before.put(field, now);
            after.put(field, wanted);
        }
    }

    private static void requireLength(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw ScimProblems.invalidValue(field + " is longer than " + max + " characters.");
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
