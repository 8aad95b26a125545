package dev.kaigi.integration.privacy;

import dev.kaigi.chassis.audit.AuditChange;
import dev.kaigi.chassis.audit.AuditTrail;
import dev.kaigi.chassis.inbox.PoisonEventException;
import dev.kaigi.chassis.sql.NamedSql;
import dev.kaigi.chassis.sql.NamedStatement;
import dev.kaigi.events.user.LeadErased;
import dev.kaigi.integration.audit.AuditAction;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The erased leads (SEC-04): applies an OWNER's erasure to what this service keeps ({@code erase-lead.sql}), keeps it
 * as a tombstone and audits it once; and tells the meeting events whether the lead they name was erased after they
 * were written, so an old event read again stores the erased form and mails no one.
 */
@ApplicationScoped
public class LeadErasures {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final NamedSql ERASE = NamedSql.load(LeadErasures.class, "erase-lead.sql");
    private static final String TOMBSTONE = """
            insert into lead_erasure (erasure_id, org_id, email_hash, erased_at, by_user_id)
            values (?, ?, ?, ?, ?) on conflict (erasure_id) do nothing""";
    private static final String ERASED_SINCE = """
            select 1 from lead_erasure where org_id = ? and email_hash = ? and erased_at >= ? limit 1""";

    @Inject
    AgroalDataSource db;
    @Inject
    AuditTrail audit;

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(LeadErased e) {
        if (!HASH.matcher(e.leadEmailHash()).matches()) {
            throw new PoisonEventException("lead-erased " + e.erasureId() + " names no SHA-256 hex hash", null);
        }
        try (Connection c = db.getConnection()) {
            boolean first;
            try (PreparedStatement ps = c.prepareStatement(TOMBSTONE)) {
                ps.setObject(1, e.erasureId());
                ps.setObject(2, e.orgId());
                ps.setString(3, e.leadEmailHash());
                ps.setTimestamp(4, Timestamp.from(e.erasedAt()));
                ps.setObject(5, e.byUserId());
                first = ps.executeUpdate() == 1;
            }
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

    /**
     * Whether {@code leadEmail} of {@code orgId} was erased at or after {@code written}, when an event naming them was
     * written: then the event is about the person erased. An event without a time is taken as written before.
     */
    public boolean erasedSince(UUID orgId, String leadEmail, Instant written) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(ERASED_SINCE)) {
            ps.setObject(1, orgId);
            ps.setString(2, LeadErased.hashOf(leadEmail));
            ps.setTimestamp(3, Timestamp.from(written == null ? Instant.EPOCH : written));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("reading the lead erasures of " + orgId, ex);
        }
    }
}
