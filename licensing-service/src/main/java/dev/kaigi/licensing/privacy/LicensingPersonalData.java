package dev.kaigi.licensing.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kaigi.chassis.audit.AuditEventView;
import dev.kaigi.chassis.audit.AuditEvents;
import dev.kaigi.chassis.privacy.Capped;
import dev.kaigi.chassis.privacy.LeadEmailQuery;
import dev.kaigi.chassis.privacy.PersonalDataRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;
import java.util.UUID;

/**
 * What licensing-service keeps about a user (SEC-04): the user as announced, their seat, and the audit entries that
 * name them, among which every seat assigned to them and taken back (the table keeps only the seat held now).
 */
@ApplicationScoped
public class LicensingPersonalData {

    /** The most rows a list section answers; older ones are left out and the section says so. */
    static final int LIMIT = 10_000;

    @Inject
    PersonalDataRows rows;
    @Inject
    AuditEvents audit;

    /** What this service keeps about a user; each section empty (null or no items) for a user it does not know. */
    @Schema(name = "LicensingUserPersonalData")
    public record UserData(
            @Schema(description = "The user as user-service announced them: type, status, role") JsonNode user,
            @Schema(description = "The seat they hold now") JsonNode seat,
            @Schema(description = "Audit entries naming them as actor or target: seats assigned (SEAT_ASSIGNED) and taken back (SEAT_UNASSIGNED) among them") Capped<AuditEventView> auditEntries) {
    }

    /** Nothing: licensing-service keeps nothing about leads. */
    @Schema(name = "LicensingLeadPersonalData", description = "Empty: licensing-service keeps nothing about leads")
    public record LeadData() {
    }

    @Transactional
    public UserData ofUser(UUID orgId, UUID userId) {
        Map<String, ?> p = Map.of("org", orgId, "user", userId);
        return new UserData(
                rows.one("select user_id, user_type, status, role, updated_at from org_user where org_id = :org and user_id = :user", p),
                rows.one("""
                        select id, pool, assigned_at, assigned_by, confirmed_at
                        from seat_assignment where org_id = :org and user_id = :user""", p),
                audit.aboutUser(orgId, userId, LIMIT));
    }

    /** {@code lead} is checked for its form only: there is nothing to look it up in. */
    public LeadData ofLead(UUID orgId, LeadEmailQuery lead) {
        return new LeadData();
    }
}
