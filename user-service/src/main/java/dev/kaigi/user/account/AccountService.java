package dev.kaigi.user.account;

import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.problem.FieldViolation;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.licensing.SeatPool;
import dev.kaigi.events.user.JoinedVia;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import dev.kaigi.user.account.ProfileEditPolicy.FieldGroup;
import dev.kaigi.user.account.ProfileRequests.AddUser;
import dev.kaigi.user.account.ProfileRequests.UpdateProfile;
import dev.kaigi.user.audit.AuditLog;
import dev.kaigi.user.directory.Organization;
import dev.kaigi.user.directory.OrganizationRepository;
import dev.kaigi.user.directory.PermissionProfile;
import dev.kaigi.user.directory.PermissionProfileRepository;
import dev.kaigi.user.directory.TeamUserRoles;
import dev.kaigi.user.directory.UserAccount;
import dev.kaigi.user.directory.UserEvents;
import dev.kaigi.user.directory.UserFilter;
import dev.kaigi.user.directory.UserRepository;
import dev.kaigi.user.directory.UserView;
import dev.kaigi.user.invitation.InvitationService;
import dev.kaigi.user.licensing.Seats;
import dev.kaigi.user.security.Actor;
import dev.kaigi.user.team.TeamService;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** Adding users (INV-01, INV-04, INV-05, LIC-04), reading them (USR-03) and editing profiles (USR-01, USR-02). */
@ApplicationScoped
public class AccountService {

    @Inject
    UserRepository users;
    @Inject
    OrganizationRepository organizations;
    @Inject
    PermissionProfileRepository profiles;
    @Inject
    InvitationService invitations;
    @Inject
    Seats seats;
    @Inject
    Outbox outbox;
    @Inject
    AuditLog audit;
    @Inject
    TeamService teams;

    /**
     * An OWNER adds a user by email. With the super admin's email domain the user joins ACTIVE at
     * once (INV-04); otherwise they are INVITED and mailed a link (INV-01). Either way a seat of
     * their type is taken first; with none free, nothing is saved (LIC-04).
     */
    @Transactional
    public UserView add(Actor owner, AddUser request) {
        if (request.role() == Role.OWNER && !owner.mayGrantOwner()) {
            throw ownerRoleNotGrantable();
        }
        UserType type = request.userType() == null ? UserType.REGULAR : request.userType();
        TeamUserRoles.require(type, request.role(), "role");
        PermissionProfile profile = profiles.requireFor(owner.orgId(), request.permissionProfileId(), type);
        if (users.emailInUse(request.email())) {
            throw ProblemException.conflict("email-taken");
        }
        Organization org = organizations.findById(owner.orgId());
        UserAccount superAdmin = users.findById(org.superAdminUserId);

        UserAccount u = new UserAccount();
        u.id = UUID.randomUUID();
        u.orgId = owner.orgId();
        u.setEmail(request.email());
        u.lastName = request.lastName().trim();
        u.firstName = request.firstName();
        u.role = request.role();
        u.userType = type;
        u.permissionProfileId = profile.id;
        u.createdAt = Instant.now();
        boolean sameDomain = u.emailDomain().equals(superAdmin.emailDomain());
        u.status = sameDomain ? UserStatus.ACTIVE : UserStatus.INVITED;
        users.persistNew(u);

        seats.take(u.orgId, u.id, SeatPool.valueOf(type.name()));
        audit.record(u.orgId, owner.userId(), AuditLog.Action.USER_ADDED, u.id, null,
                Map.of("email", u.email, "role", u.role, "userType", u.userType, "status", u.status));
        if (sameDomain) {
            outbox.publish(UserEvents.joined(u, JoinedVia.SAME_DOMAIN));
        } else {
            invitations.issue(u, owner.userId(), request.locale() == null ? "ja" : request.locale());
        }
        return UserView.of(u, org.superAdminUserId);
    }

    /**
     * A partner integration may not make anyone an OWNER nor change an OWNER's role: the owners' power is
     * granted by owners (README "For partners").
     */
    private static ProblemException ownerRoleNotGrantable() {
        return new ProblemException(403, "forbidden", List.of(new FieldViolation("role", "owner-role-not-grantable", null)));
    }

    @Transactional
    public Page<UserView> list(UUID orgId, UserFilter filter, PageRequest page) {
        PanacheQuery<UserAccount> query = users.search(orgId, filter);
        UUID superAdmin = organizations.superAdminOf(orgId);
        return Page.of(query.page(page.page(), page.size()).list(), page, query.count()).map(u -> UserView.of(u, superAdmin));
    }

    /** A user of the organization; deleted users are gone (404). */
    @Transactional
    public UserAccount get(UUID orgId, UUID id) {
        return users.liveInOrganization(orgId, id);
    }

    /** A user of the organization as the API shows them; deleted users are gone (404). */
    @Transactional
    public UserView view(UUID orgId, UUID id) {
        return UserView.of(get(orgId, id), organizations.superAdminOf(orgId));
    }

    /**
     * Replaces the editable profile of {@code id} as {@code editor} (USR-02), only if it is still
     * at {@code expectedVersion}. Fields the editor may not change must be sent unchanged.
     */
    @Transactional
    public UserView updateProfile(Actor editor, UUID id, UpdateProfile r, long expectedVersion) {
        // under the organization's lock, so a super-admin transfer cannot slip between check and write
        UUID superAdmin = organizations.lock(editor.orgId()).superAdminUserId;
        boolean targetIsSuperAdmin = id.equals(superAdmin);
        UserAccount target = get(editor.orgId(), id);
        Set<FieldGroup> allowed = ProfileEditPolicy.editable(editor.role(), editor.is(target.id));
        if (allowed.isEmpty()) {
            throw ProblemException.forbidden();
        }
        if (target.version != expectedVersion) {
            throw new ProblemException(412, "precondition-failed");
        }
        Changes changes = new Changes(target);
        changes.check("lastName", FieldGroup.NAMES_AND_OTHER_INFO, u -> u.lastName, r.lastName().trim());
        changes.check("firstName", FieldGroup.NAMES_AND_OTHER_INFO, u -> u.firstName, r.firstName());
        changes.check("otherInfo", FieldGroup.NAMES_AND_OTHER_INFO, u -> u.otherInfo, r.otherInfo());
        changes.check("contact", FieldGroup.PROFILE, u -> u.contact, r.contact());
        changes.check("slackMemberId", FieldGroup.PROFILE, u -> u.slackMemberId, r.slackMemberId());
        changes.check("emailSignature", FieldGroup.PROFILE, u -> u.emailSignature, r.emailSignature());
        changes.check("zoomPersonalMeetingUrl", FieldGroup.PROFILE, u -> u.zoomPersonalMeetingUrl, r.zoomPersonalMeetingUrl());
        changes.check("phone", FieldGroup.PROFILE, u -> u.phone, r.phone());
        changes.check("mobile", FieldGroup.PROFILE, u -> u.mobile, r.mobile());
        changes.check("fax", FieldGroup.PROFILE, u -> u.fax, r.fax());
        changes.check("website", FieldGroup.PROFILE, u -> u.website, r.website());
        changes.check("address", FieldGroup.PROFILE, u -> u.address, r.address());
        if (r.role() != null) {
            changes.check("role", FieldGroup.ADMINISTRATION, u -> u.role, r.role());
        }
        if (r.permissionProfileId() != null) {
            changes.check("permissionProfileId", FieldGroup.ADMINISTRATION, u -> u.permissionProfileId, r.permissionProfileId());
        }
        if (r.teamIds() != null) {
            changes.check("teamIds", FieldGroup.ADMINISTRATION, u -> Set.copyOf(u.teamIds), Set.copyOf(r.teamIds()));
        }
        List<FieldViolation> refused = changes.outside(allowed);
        if (!refused.isEmpty()) {
            throw new ProblemException(403, "forbidden", refused);
        }
        if (changes.changed.contains("role") && !editor.mayGrantOwner() && (r.role() == Role.OWNER || target.role == Role.OWNER)) {
            throw ownerRoleNotGrantable();
        }
        if (changes.changed.contains("role")) {
            TeamUserRoles.require(target.userType, r.role(), "role");
        }
        if (changes.changed.contains("role") && targetIsSuperAdmin && r.role() != Role.OWNER) {
            throw ProblemException.conflict("super-admin-transfer-required"); // ORG-02: the super admin is an OWNER
        }
        if (changes.changed.contains("permissionProfileId")) {
            profiles.requireFor(target.orgId, r.permissionProfileId(), target.userType);
        }
        if (changes.changed.contains("teamIds")) {
            teams.requireAllInOrganization(target.orgId, r.teamIds());
        }
        if (changes.changed.isEmpty()) {
            return UserView.of(target, superAdmin);
        }
        target.lastName = r.lastName().trim();
        target.firstName = r.firstName();
        target.otherInfo = r.otherInfo();
        target.contact = r.contact();
        target.slackMemberId = r.slackMemberId();
        target.emailSignature = r.emailSignature();
        target.zoomPersonalMeetingUrl = r.zoomPersonalMeetingUrl();
        target.phone = r.phone();
        target.mobile = r.mobile();
        target.fax = r.fax();
        target.website = r.website();
        target.address = r.address();
        if (r.role() != null) {
            target.role = r.role();
        }
        if (r.permissionProfileId() != null) {
            target.permissionProfileId = r.permissionProfileId();
        }
        if (r.teamIds() != null) {
            target.teamIds.clear();
            target.teamIds.addAll(r.teamIds());
        }
        users.flush(); // the new version goes out in the response's ETag
        audit.record(target.orgId, editor.userId(), AuditLog.Action.PROFILE_UPDATED, target.id, changes.before, changes.after);
        outbox.publish(UserEvents.updated(target, changes.changed));
        return UserView.of(target, superAdmin);
    }

    /** Which fields a request changes, and in which group each is. */
    private static final class Changes {
        private final UserAccount current;
        final List<String> changed = new ArrayList<>();
        final Map<String, Object> before = new java.util.LinkedHashMap<>();
        final Map<String, Object> after = new java.util.LinkedHashMap<>();
        private final List<String> groups = new ArrayList<>();

        Changes(UserAccount current) {
            this.current = current;
        }

        <T> void check(String field, FieldGroup group, Function<UserAccount, T> now, T requested) {
            T value = now.apply(current);
            if (!Objects.equals(value, requested)) {
                changed.add(field);
                groups.add(group.name());
                before.put(field, value);
                after.put(field, requested);
            }
        }

        List<FieldViolation> outside(Set<FieldGroup> allowed) {
            List<FieldViolation> refused = new ArrayList<>();
            for (int i = 0; i < changed.size(); i++) {
                if (!allowed.contains(FieldGroup.valueOf(groups.get(i)))) {
                    refused.add(new FieldViolation(changed.get(i), "edit-not-allowed", null));
                }
            }
            return refused;
        }
    }
}
