package dev.kaigi.user.account;

import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.user.audit.AuditLog;
import dev.kaigi.user.directory.OrganizationRepository;
import dev.kaigi.user.directory.TeamUserRoles;
import dev.kaigi.user.directory.UserAccount;
import dev.kaigi.user.directory.UserEvents;
import dev.kaigi.user.directory.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * BLK-05 (profile part), "他のユーザーにも反映させる": an OWNER copies chosen profile fields from one
 * user to chosen others in one transaction. Names can never be applied. A dry run reports the
 * changes without making them.
 */
@ApplicationScoped
public class ApplyToOthersService {

    /** The profile fields BLK-05 allows to apply, and how to read and write each. */
    public enum ApplicableField {
        ROLE("role", u -> u.role, (u, v) -> u.role = (Role) v),
        ZOOM_PERSONAL_MEETING_URL("zoomPersonalMeetingUrl", u -> u.zoomPersonalMeetingUrl, (u, v) -> u.zoomPersonalMeetingUrl = (String) v),
        SLACK_MEMBER_ID("slackMemberId", u -> u.slackMemberId, (u, v) -> u.slackMemberId = (String) v),
        CONTACT("contact", u -> u.contact, (u, v) -> u.contact = (String) v),
        EMAIL_SIGNATURE("emailSignature", u -> u.emailSignature, (u, v) -> u.emailSignature = (String) v);

        final String field;
        final Function<UserAccount, Object> read;
        final BiConsumer<UserAccount, Object> write;

        ApplicableField(String field, Function<UserAccount, Object> read, BiConsumer<UserAccount, Object> write) {
            this.field = field;
            this.read = read;
            this.write = write;
        }
    }

    /** One field's value before and after, for one target. */
    public record FieldChange(Object from, Object to) {
    }

    /** What applying does (or would do) to one target. */
    public record TargetChange(UUID userId, Map<String, FieldChange> changes) {
    }

    @Inject
    UserRepository users;
    @Inject
    OrganizationRepository organizations;
    @Inject
    Outbox outbox;
    @Inject
    AuditLog audit;

    @Transactional
    public List<TargetChange> apply(UUID orgId, UUID actorId, UUID sourceId, Set<ApplicableField> fields, List<UUID> targetIds,
                                    boolean dryRun) {
        UserAccount source = users.liveInOrganization(orgId, sourceId);
        UUID superAdmin = organizations.lock(orgId).superAdminUserId; // no transfer in between (ORG-02)
        List<TargetChange> result = new ArrayList<>();
        for (UUID targetId : new LinkedHashSet<>(targetIds)) {
            if (targetId.equals(sourceId)) {
                continue;
            }
            UserAccount target = users.inOrganization(orgId, targetId).filter(u -> u.status != UserStatus.DELETED)
                    .orElseThrow(() -> ProblemException.invalidField("targetUserIds", "unknown-reference"));
            Map<String, FieldChange> changes = new LinkedHashMap<>();
            for (ApplicableField f : fields) {
                Object from = f.read.apply(target);
                Object to = f.read.apply(source);
                if (!Objects.equals(from, to)) {
                    changes.put(f.field, new FieldChange(from, to));
                }
            }
            if (changes.containsKey("role")) {
                TeamUserRoles.require(target.userType, source.role, "targetUserIds");
            }
            if (changes.containsKey("role") && target.id.equals(superAdmin) && source.role != Role.OWNER) {
                throw ProblemException.conflict("super-admin-transfer-required"); // ORG-02: the super admin stays an OWNER
            }
            result.add(new TargetChange(target.id, changes));
            if (!dryRun && !changes.isEmpty()) {
                fields.forEach(f -> f.write.accept(target, f.read.apply(source)));
                Map<String, Object> before = new LinkedHashMap<>();
                Map<String, Object> after = new LinkedHashMap<>();
                changes.forEach((field, change) -> {
                    before.put(field, change.from());
                    after.put(field, change.to());
                });
                audit.record(orgId, actorId, AuditLog.Action.FIELDS_APPLIED, target.id, before, after);
                outbox.publish(UserEvents.updated(target, List.copyOf(changes.keySet())));
            }
        }
        return result;
    }
}
