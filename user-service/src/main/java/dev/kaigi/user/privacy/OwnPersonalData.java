package dev.kaigi.user.privacy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * user-service's own section of a personal-data export (SEC-04): the account with every profile
 * field, the invitations (without their token hashes), the teams, and the audit trail's entries
 * about the user or by them. PostgreSQL writes the JSON, so a column added later is exported
 * without a change here; what is secret or internal is taken out by name.
 */
@ApplicationScoped
class OwnPersonalData {

    /** An export is a document, not a feed: past this many audit entries the newest are kept and it says so. */
    static final int MAX_AUDIT_ENTRIES = 10_000;

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;

    @Transactional
    ObjectNode ofUser(UUID orgId, UUID userId) {
        String document = (String) em.createNativeQuery("""
                        select cast(jsonb_build_object(
                            'account', (select to_jsonb(u) - 'email_key' - 'version' from app_user u
                                        where u.org_id = :org and u.id = :user),
                            'permissionProfile', (select jsonb_build_object('id', p.id, 'name', p.name)
                                                  from app_user u join permission_profile p on p.id = u.permission_profile_id
                                                  where u.org_id = :org and u.id = :user),
                            'invitations', coalesce((select jsonb_agg(to_jsonb(i) - 'token_hash' order by i.created_at)
                                                     from invitation i where i.org_id = :org and i.user_id = :user), '[]'),
                            'teams', coalesce((select jsonb_agg(jsonb_build_object('id', t.id, 'name', t.name) order by t.name)
                                               from team_member m join team t on t.id = m.team_id
                                               where t.org_id = :org and m.user_id = :user), '[]'),
                            'auditEvents', coalesce((select jsonb_agg(to_jsonb(a) order by a.occurred_at desc)
                                                     from (select * from audit_event
                                                           where org_id = :org and (target_user_id = :user or actor_user_id = :user)
                                                           order by occurred_at desc limit :max) a), '[]'),
                            'auditEventsTruncated', (select count(*) > :max from audit_event
                                                     where org_id = :org and (target_user_id = :user or actor_user_id = :user))
                        ) as text)
                        """)
                .setParameter("org", orgId).setParameter("user", userId).setParameter("max", MAX_AUDIT_ENTRIES)
                .getSingleResult();
        try {
            return (ObjectNode) json.readTree(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** user-service keeps nothing about leads but the erasures, which name them by hash alone. */
    ObjectNode ofLead() {
        return json.createObjectNode();
    }
}
