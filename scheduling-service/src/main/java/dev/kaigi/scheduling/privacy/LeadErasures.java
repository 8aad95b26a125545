package dev.kaigi.scheduling.privacy;

import dev.kaigi.chassis.audit.AuditChange;
import dev.kaigi.chassis.audit.AuditTrail;
import dev.kaigi.chassis.privacy.ErasedLeads;
import dev.kaigi.chassis.sql.NamedSql;
import dev.kaigi.chassis.sql.NamedStatement;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.user.LeadErased;
import dev.kaigi.scheduling.audit.AuditAction;
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
 * Applies an OWNER's erasure of a lead (SEC-04) to this service: the bookings made before it and the booking events
 * stored in the outbox forget the person, and the erasure is kept as a tombstone and audited once. Applying it again
 * (the event read again with a new id, a restored database) scrubs nothing new and audits nothing: what it would
 * scrub is gone, a booking made after the erasure is not its business, and its tombstone is there already.
 */
@ApplicationScoped
public class LeadErasures {

    private static final NamedSql BOOKINGS = NamedSql.load(LeadErasures.class, "erase-lead-bookings.sql");
    private static final NamedSql OUTBOX = NamedSql.load(LeadErasures.class, "erase-lead-outbox.sql");

    @Inject
    AgroalDataSource db;
    @Inject
    AuditTrail audit;
    @Inject
    ErasedLeads erased;

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(LeadErased e) {
        boolean first = erased.record(e);
        try (Connection c = db.getConnection()) {
            long bookings;
            int events;
            try (NamedStatement st = BOOKINGS.prepare(c)) {
                bind(st, e);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    bookings = rs.getLong(1);
                }
            }
            try (NamedStatement st = OUTBOX.prepare(c)) {
                bind(st, e);
                st.setString("cancelled", EventTypes.MEETING_CANCELLED.name());
                st.setString("rescheduled", EventTypes.MEETING_RESCHEDULED.name());
                events = st.executeUpdate();
            }
            if (first) {
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("erasedAt", e.erasedAt().toString());
                after.put("bookingsErased", bookings);
                after.put("storedEventsErased", events);
                audit.recordOnBehalfOf(e.byUserId(), AuditChange.of(e.orgId(), AuditAction.LEAD_ERASED)
                        .target(e.erasureId()).after(after));
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("erasing a lead for erasure " + e.erasureId(), ex);
        }
    }

    private static void bind(NamedStatement st, LeadErased e) throws SQLException {
        st.set("org_id", e.orgId());
        st.setString("email_hash", e.leadEmailHash());
        st.setInstant("erased_at", e.erasedAt());
        st.setString("marker", LeadErased.ERASED);
    }
}
