package dev.kaigi.user.permission;

import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.user.PermissionProfileDeleted;
import dev.kaigi.events.user.PermissionProfileSaved;
import dev.kaigi.events.user.ProfilePermission;
import dev.kaigi.events.user.UserType;
import dev.kaigi.user.audit.AuditLog;
import dev.kaigi.user.directory.PermissionProfile;
import dev.kaigi.user.directory.PermissionProfileRepository;
import dev.kaigi.user.security.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The organization's own permission profiles (USR-07): OWNERs create, copy, rename, change and delete them.
 * Built-in profiles are copied, never changed or deleted; one a user holds is not deleted; a team user's
 * profile grants nothing. Each change is audited and announced, so every service enforces the new
 * permissions from its next request on.
 */
@ApplicationScoped
public class PermissionProfileService {

    @Inject
    PermissionProfileRepository profiles;
    @Inject
    EntityManager em;
    @Inject
    AuditLog audit;
    @Inject
    Outbox outbox;

    /** What a profile is made of. */
    public record ProfileContent(String name, List<ProfilePermission> permissions) {
    }

    @Transactional
    public List<PermissionProfileView> list(UUID orgId) {
        Map<UUID, Long> holders = holders(orgId);
        return profiles.ofOrganization(orgId).stream()
                .map(p -> PermissionProfileView.of(p, holders.getOrDefault(p.id, 0L))).toList();
    }

    @Transactional
    public PermissionProfileView view(UUID orgId, UUID id) {
        PermissionProfile p = get(orgId, id);
        return PermissionProfileView.of(p, holders(orgId).getOrDefault(p.id, 0L));
    }

    @Transactional
    public PermissionProfileView create(Actor owner, UserType userType, ProfileContent content) {
        PermissionProfile p = newProfile(owner.orgId(), content.name().strip(), userType, false);
        grant(p, content.permissions());
        return saved(owner, p, null);
    }

    /** A new profile with the same type and permissions; built-in profiles are customised this way. */
    @Transactional
    public PermissionProfileView copy(Actor owner, UUID id, String name) {
        PermissionProfile original = get(owner.orgId(), id);
        PermissionProfile p = newProfile(owner.orgId(), name.strip(), original.userType, false);
        p.permissions = original.permissions.clone();
        return saved(owner, p, null);
    }

    @Transactional
    public PermissionProfileView change(Actor owner, UUID id, ProfileContent content, long expectedVersion) {
        PermissionProfile p = get(owner.orgId(), id);
        if (p.version != expectedVersion) {
            throw new ProblemException(412, "precondition-failed");
        }
        requireCustom(p);
        Map<String, Object> before = state(p);
        String name = content.name().strip();
        if (!name.equals(p.name)) {
            requireFreeName(owner.orgId(), name);
            p.name = name;
        }
        grant(p, content.permissions());
        return saved(owner, p, before);
    }

    /**
     * Deletes a profile no user holds. Deleted users keep no profile of their own: theirs moves to the
     * built-in one of the same type first. A user given the profile at the same moment makes the delete
     * fail on the foreign key, so the database has the last word.
     */
    @Transactional
    public void delete(Actor owner, UUID id) {
        PermissionProfile p = get(owner.orgId(), id);
        requireCustom(p);
        long holders = holders(owner.orgId()).getOrDefault(id, 0L);
        if (holders > 0) {
            throw ProblemException.conflict("permission-profile-in-use", holders);
        }
        em.createNativeQuery("""
                        update app_user set permission_profile_id = (
                            select b.id from permission_profile b where b.org_id = ?1 and b.system and b.user_type = ?3)
                        where org_id = ?1 and permission_profile_id = ?2 and deleted_at is not null
                        """)
                .setParameter(1, owner.orgId()).setParameter(2, id).setParameter(3, p.userType.name()).executeUpdate();
        audit.record(owner.orgId(), owner.userId(), AuditLog.Action.PERMISSION_PROFILE_DELETED, null, state(p), null);
        profiles.delete(p);
        try {
            profiles.flush();
        } catch (jakarta.persistence.PersistenceException e) {
            throw ProblemException.conflict("permission-profile-in-use", 1);
        }
        outbox.publish(new PermissionProfileDeleted(owner.orgId(), id));
    }

    /** The two built-in profiles of a new organization; returns the regular one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public PermissionProfile createBuiltIns(UUID orgId, Instant now) {
        PermissionProfile standard = newProfile(orgId, "Standard", UserType.REGULAR, true);
        standard.createdAt = now;
        grant(standard, EnumSet.allOf(ProfilePermission.class));
        PermissionProfile team = newProfile(orgId, "Team user", UserType.TEAM, true);
        team.createdAt = now;
        persistAndAnnounce(standard);
        persistAndAnnounce(team);
        return standard;
    }

    /**
     * LIC-06: the copy of the team users' profile the deactivated team users keep. It is made for regular users,
     * because their only way back is conversion to one (LIF-04), where the OWNER may keep it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public PermissionProfile copyForTeamUsersLeaving(UUID orgId, String name) {
        PermissionProfile copy = newProfile(orgId, name, UserType.REGULAR, false);
        persistAndAnnounce(copy);
        return copy;
    }

    private PermissionProfile newProfile(UUID orgId, String name, UserType type, boolean system) {
        if (!system) {
            requireFreeName(orgId, name);
        }
        PermissionProfile p = new PermissionProfile();
        p.id = UUID.randomUUID();
        p.orgId = orgId;
        p.name = name;
        p.userType = type;
        p.system = system;
        p.createdAt = Instant.now();
        return p;
    }

    private static void grant(PermissionProfile p, Collection<ProfilePermission> permissions) {
        if (p.userType == UserType.TEAM && !permissions.isEmpty()) {
            throw ProblemException.invalidField("permissions", "team-profile-grants-nothing"); // USR-06, USR-07
        }
        p.grant(permissions);
    }

    private PermissionProfileView saved(Actor owner, PermissionProfile p, Map<String, Object> before) {
        AuditLog.Action action = before == null ? AuditLog.Action.PERMISSION_PROFILE_CREATED : AuditLog.Action.PERMISSION_PROFILE_CHANGED;
        if (before == null) {
            persistAndAnnounce(p);
        } else {
            profiles.flush();
            announce(p);
        }
        audit.record(owner.orgId(), owner.userId(), action, null, before, state(p));
        return PermissionProfileView.of(p, holders(owner.orgId()).getOrDefault(p.id, 0L));
    }

    private void persistAndAnnounce(PermissionProfile p) {
        profiles.persist(p);
        announce(p);
    }

    private void announce(PermissionProfile p) {
        outbox.publish(new PermissionProfileSaved(p.orgId, p.id, p.name, p.userType, List.copyOf(p.granted())));
    }

    private PermissionProfile get(UUID orgId, UUID id) {
        return profiles.inOrganization(orgId, id).orElseThrow(() -> ProblemException.notFound("permission-profile"));
    }

    private static void requireCustom(PermissionProfile p) {
        if (p.system) {
            throw ProblemException.conflict("permission-profile-built-in", p.name);
        }
    }

    private void requireFreeName(UUID orgId, String name) {
        if (profiles.count("orgId = ?1 and lower(name) = lower(?2)", orgId, name) > 0) {
            throw ProblemException.conflict("permission-profile-name-taken", name);
        }
    }

    /** How many users, deleted ones aside, hold each of the organization's profiles. */
    private Map<UUID, Long> holders(UUID orgId) {
        List<?> rows = em.createNativeQuery("""
                        select permission_profile_id, count(*) from app_user
                        where org_id = ?1 and deleted_at is null group by permission_profile_id
                        """).setParameter(1, orgId).getResultList();
        Map<UUID, Long> holders = new LinkedHashMap<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            holders.put((UUID) r[0], ((Number) r[1]).longValue());
        }
        return holders;
    }

    private static Map<String, Object> state(PermissionProfile p) {
        Set<ProfilePermission> granted = p.granted();
        return Map.of("permissionProfileId", p.id, "name", p.name, "userType", p.userType, "permissions", List.copyOf(granted));
    }
}
