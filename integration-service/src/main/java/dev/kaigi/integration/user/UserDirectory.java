package dev.kaigi.integration.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The user read model: upserts keyed by the user id from user-service's events, so an event about a user
 * not seen yet creates the row, a replay writes the same values again, and a row never moves to another
 * organization. DELETED, REMOVED and DECLINED are final: no later event brings such a user back.
 */
@ApplicationScoped
public class UserDirectory {

    private static final List<String> FINAL = List.of("DELETED", "REMOVED", "DECLINED");

    @Inject
    EntityManager em;

    public Optional<UserProfile> find(UUID userId) {
        return Optional.ofNullable(em.find(UserProfile.class, userId));
    }

    /** The user if they belong to {@code orgId}; another organization's user does not exist here (ORG-01). */
    public Optional<UserProfile> inOrganization(UUID orgId, UUID userId) {
        return find(userId).filter(u -> u.orgId.equals(orgId));
    }

    /** The emails of the organization's active users, as announced, in a stable order. */
    public List<String> activeEmails(UUID orgId) {
        return em.createNativeQuery("""
                        select email from user_profile where org_id = :org and status = 'ACTIVE' and email is not null
                        order by email
                        """)
                .setParameter("org", orgId).getResultList().stream().map(Object::toString).toList();
    }

    /** How many active OWNERs (the admins of INT-08) the organization has. */
    public long activeOwners(UUID orgId) {
        return ((Number) em.createNativeQuery(
                        "select count(*) from user_profile where org_id = :org and status = 'ACTIVE' and role = 'OWNER'")
                .setParameter("org", orgId).getSingleResult()).longValue();
    }

    /** The organization's active OWNERs who have an email, in a stable order: the admins told of what failed. */
    public List<UserProfile> owners(UUID orgId) {
        return em.createQuery("""
                        from UserProfile where orgId = :org and status = 'ACTIVE' and role = 'OWNER' and email is not null
                        order by userId
                        """, UserProfile.class)
                .setParameter("org", orgId).getResultList();
    }

    public void organization(UUID orgId, String name, String timeZone) {
        em.createNativeQuery("""
                        insert into organization (org_id, name, time_zone) values (:org, :name, :zone)
                        on conflict (org_id) do update set name = excluded.name, time_zone = excluded.time_zone,
                            updated_at = now()
                        """)
                .setParameter("org", orgId).setParameter("name", name).setParameter("zone", timeZone)
                .executeUpdate();
    }

    public Optional<String> organizationName(UUID orgId) {
        List<?> names = em.createNativeQuery("select name from organization where org_id = :org")
                .setParameter("org", orgId).getResultList();
        return names.stream().findFirst().map(Object::toString);
    }

    /**
     * The profile user-service announced. {@code status} null keeps the known status, {@code locale} null
     * the known locale; the optional profile fields are replaced as announced (null clears them).
     */
    public void profile(UUID orgId, UUID userId, String email, String lastName, String firstName, String role,
                        String userType, String slackMemberId, String zoomPersonalMeetingUrl, String emailSignature,
                        String contact, String status, String locale) {
        query("""
                insert into user_profile (user_id, org_id, email, last_name, first_name, role, user_type, slack_member_id,
                    zoom_personal_meeting_url, email_signature, contact, status, locale)
                values (:user, :org, :email, :last, :first, :role, :type, :slack, :zoom, :signature, :contact, :status,
                        :locale)
                on conflict (user_id) do update set email = excluded.email, last_name = excluded.last_name,
                    first_name = excluded.first_name, role = excluded.role, user_type = excluded.user_type,
                    slack_member_id = excluded.slack_member_id,
                    zoom_personal_meeting_url = excluded.zoom_personal_meeting_url,
                    email_signature = excluded.email_signature, contact = excluded.contact,
                    status = case when excluded.status is null or user_profile.status in (:final) then user_profile.status
                                  else excluded.status end,
                    locale = coalesce(excluded.locale, user_profile.locale),
                    updated_at = now()
                where user_profile.org_id = excluded.org_id
                """, orgId, userId)
                .setParameter("email", email).setParameter("last", lastName).setParameter("first", firstName)
                .setParameter("role", role).setParameter("type", userType).setParameter("slack", slackMemberId)
                .setParameter("zoom", zoomPersonalMeetingUrl).setParameter("signature", emailSignature)
                .setParameter("contact", contact).setParameter("status", status).setParameter("locale", locale)
                .executeUpdate();
    }

    /** An invited user: only what the invitation says; a user who already joined keeps their profile. */
    public void invited(UUID orgId, UUID userId, String email, String lastName, String firstName, String userType,
                        String locale) {
        query("""
                insert into user_profile (user_id, org_id, email, last_name, first_name, user_type, status, locale)
                values (:user, :org, :email, :last, :first, :type, 'INVITED', :locale)
                on conflict (user_id) do update set locale = excluded.locale, updated_at = now(),
                    email = case when user_profile.status = 'INVITED' then excluded.email else user_profile.email end
                where user_profile.org_id = excluded.org_id
                """, orgId, userId)
                .setParameter("email", email).setParameter("last", lastName).setParameter("first", firstName)
                .setParameter("type", userType).setParameter("locale", locale)
                .executeUpdate();
    }

    /**
     * A lifecycle change; {@code status} or {@code userType} null keeps the known value. A deactivated user
     * becoming active again is remembered ({@code reactivated_at}, INT-09).
     */
    public void status(UUID orgId, UUID userId, String status, String userType) {
        query("""
                insert into user_profile (user_id, org_id, status, user_type) values (:user, :org, :status, :type)
                on conflict (user_id) do update set status = coalesce(excluded.status, user_profile.status),
                    user_type = coalesce(excluded.user_type, user_profile.user_type), updated_at = now(),
                    reactivated_at = case when user_profile.status = 'DEACTIVATED' and excluded.status = 'ACTIVE'
                                          then now() else user_profile.reactivated_at end
                where user_profile.org_id = excluded.org_id
                    and (user_profile.status is null or user_profile.status not in (:final))
                """, orgId, userId)
                .setParameter("status", status).setParameter("type", userType)
                .executeUpdate();
    }

    private Query query(String sql, UUID orgId, UUID userId) {
        Query q = em.createNativeQuery(sql).setParameter("org", orgId).setParameter("user", userId);
        if (sql.contains(":final")) {
            q.setParameter("final", FINAL);
        }
        return q;
    }
}
