package dev.kaigi.user.organization;

import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.licensing.SeatPool;
import dev.kaigi.events.user.JoinedVia;
import dev.kaigi.events.user.OrganizationCreated;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.SuperAdminTransferred;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import dev.kaigi.user.audit.AuditLog;
import dev.kaigi.user.directory.Organization;
import dev.kaigi.user.directory.OrganizationRepository;
import dev.kaigi.user.directory.PermissionProfile;
import dev.kaigi.user.permission.PermissionProfileService;
import dev.kaigi.user.directory.UserAccount;
import dev.kaigi.user.directory.UserEvents;
import dev.kaigi.user.directory.UserRepository;
import dev.kaigi.user.licensing.Seats;
import dev.kaigi.user.security.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Organizations and their super admin (ORG-01…ORG-05). */
@ApplicationScoped
public class OrganizationService {

    @Inject
    OrganizationRepository organizations;
    @Inject
    PermissionProfileService permissionProfiles;
    @Inject
    UserRepository users;
    @Inject
    Seats seats;
    @Inject
    Outbox outbox;
    @Inject
    AuditLog audit;

    /** What a new organization and its first user are made from. */
    public record NewOrganization(String name, String timeZone, String email, String lastName, String firstName) {
    }

    /**
     * Creates an organization whose first user, the signed-up person, is its super admin and an
     * OWNER (ORG-02), with the two system permission profiles and a regular seat.
     */
    @Transactional
    public OrganizationView create(NewOrganization request) {
        String zone = request.timeZone() == null ? "Asia/Tokyo" : request.timeZone();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw ProblemException.invalidField("timeZone", "time-zone");
        }
        if (users.emailInUse(request.email())) {
            throw ProblemException.conflict("email-taken"); // ORG-05
        }
        Instant now = Instant.now();
        Organization org = new Organization();
        org.id = UUID.randomUUID();
        org.name = request.name().trim();
        org.timeZone = zone;
        org.createdAt = now;
        UserAccount admin = new UserAccount();
        admin.id = UUID.randomUUID();
        org.superAdminUserId = admin.id; // the foreign key is checked at commit
        organizations.persist(org);

        PermissionProfile standard = permissionProfiles.createBuiltIns(org.id, now);

        admin.orgId = org.id;
        admin.setEmail(request.email());
        admin.lastName = request.lastName().trim();
        admin.firstName = request.firstName();
        admin.role = Role.OWNER;
        admin.userType = UserType.REGULAR;
        admin.status = UserStatus.ACTIVE;
        admin.permissionProfileId = standard.id;
        admin.createdAt = now;
        users.persistNew(admin);

        seats.take(org.id, admin.id, SeatPool.REGULAR);
        audit.record(org.id, admin.id, AuditLog.Action.ORGANIZATION_CREATED, admin.id, null,
                Map.of("name", org.name, "timeZone", org.timeZone, "superAdminUserId", admin.id));
        outbox.publish(new OrganizationCreated(org.id, org.name, admin.id, admin.email, org.timeZone));
        outbox.publish(UserEvents.joined(admin, JoinedVia.ORGANIZATION_CREATED));
        return OrganizationView.of(org);
    }

    /**
     * ORG-03: the super admin hands the flag to another active regular user, who becomes an OWNER;
     * the previous super admin stays an OWNER.
     */
    @Transactional
    public OrganizationView transferSuperAdmin(Actor superAdmin, UUID toUserId) {
        Organization org = organizations.lock(superAdmin.orgId());
        if (!superAdmin.is(org.superAdminUserId)) {
            throw ProblemException.forbidden(); // checked again under the lock: two transfers run one at a time
        }
        UserAccount target = users.liveInOrganization(org.id, toUserId);
        if (superAdmin.is(target.id) || target.status != UserStatus.ACTIVE || target.userType != UserType.REGULAR) {
            throw ProblemException.conflict("transfer-target-invalid");
        }
        if (target.role != Role.OWNER) {
            target.role = Role.OWNER;
            outbox.publish(UserEvents.updated(target, List.of("role")));
        }
        audit.record(org.id, superAdmin.userId(), AuditLog.Action.SUPER_ADMIN_TRANSFERRED, target.id,
                Map.of("superAdminUserId", superAdmin.userId()), Map.of("superAdminUserId", target.id));
        org.superAdminUserId = target.id;
        outbox.publish(new SuperAdminTransferred(org.id, superAdmin.userId(), target.id));
        organizations.flush();
        return OrganizationView.of(org);
    }

    /**
     * An OWNER decides whether the organization's SCIM client may grant or take the OWNER role
     * (README "For partners"); the change is audited with the value before and after.
     */
    @Transactional
    public OrganizationView setScimOwnerRoleGrantable(Actor owner, boolean grantable) {
        Organization org = organizations.lock(owner.orgId());
        if (org.scimOwnerRoleGrantable != grantable) {
            audit.record(org.id, owner.userId(), AuditLog.Action.ORGANIZATION_SETTINGS_CHANGED, null,
                    Map.of("scimOwnerRoleGrantable", org.scimOwnerRoleGrantable), Map.of("scimOwnerRoleGrantable", grantable));
            org.scimOwnerRoleGrantable = grantable;
            organizations.flush();
        }
        return OrganizationView.of(org);
    }

    @Transactional
    public OrganizationView view(UUID orgId) {
        return OrganizationView.of(organizations.findById(orgId));
    }
}
