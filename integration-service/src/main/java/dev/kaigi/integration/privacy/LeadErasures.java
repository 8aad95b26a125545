package dev.kaigi.integration.privacy;

import dev.kaigi.chassis.audit.AuditChange;
import dev.kaigi.chassis.audit.AuditTrail;
import dev.kaigi.chassis.privacy.ErasedLeads;
import dev.kaigi.chassis.sql.NamedSql;
import dev.kaigi.chassis.sql.NamedStatement;
import dev.kaigi.events.user.LeadErased;
import dev.kaigi.integration.audit.AuditAction;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies an OWNER's erasure of a lead (SEC-04) to what this service keeps ({@code erase-lead.sql}), keeps it as a
 * tombstone ({@link ErasedLeads}) and audits it once.
 */
@ApplicationScoped
public class LeadErasures {

    private static final NamedSql ERASE = NamedSql.load(LeadErasures.class, "erase-lead.sql");

    @Inject
    AgroalDataSource db;
    @Inject
    AuditTrail audit;
    @Inject
    ErasedLeads erasedLeads;

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(LeadErased e) {
        boolean first = erasedLeads.record(e);
        try (Connection c = db.getConnection()) {
            Map<String, Object> erased = new LinkedHashMap<>();
            erased.put("erasedAt", e.erasedAt().toString());
            try (NamedStatement st = ERASE.prepare(c)) {
                st.set("org_id", e.orgId());
                st.setString("email_hash", e.leadEmailHash());
                st.setInstant("erased_at", e.erasedAt());
                st.setString("marker", LeadErased.ERASED);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    erased.put("meetingCopies", rs.getLong(1));
                    erased.put("reminders", rs.getLong(2));
                    erased.put("mailRecords", rs.getLong(3));
                    erased.put("backedUpMessages", rs.getLong(4));
                    erased.put("webhookDeliveries", rs.getLong(5));
                }
            }
            if (first) {
                audit.recordOnBehalfOf(e.byUserId(), AuditChange.of(e.orgId(), AuditAction.LEAD_ERASED)
                        .target(e.erasureId()).after(erased));
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("erasing a lead for erasure " + e.erasureId(), ex);
        }
    }

}
