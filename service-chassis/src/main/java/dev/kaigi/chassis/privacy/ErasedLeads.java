package dev.kaigi.chassis.privacy;

import dev.kaigi.chassis.inbox.PoisonEventException;
import dev.kaigi.events.user.LeadErased;
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
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The tombstones of erased leads (SEC-04) in a service that keeps lead data and consumes {@code lead-erased}: its own
 * migration creates {@code lead_erasure} (scheduling's and integration's V12), the services that keep nothing about
 * leads have none. A tombstone makes an erasure apply and be audited once per erasure, however often its event is read,
 * and tells an event about a lead whether what it is about was made before the lead was erased.
 */
@ApplicationScoped
public class ErasedLeads {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final String RECORD = """
            insert into lead_erasure (erasure_id, org_id, email_hash, erased_at, by_user_id)
            values (?, ?, ?, ?, ?) on conflict (erasure_id) do nothing""";
    private static final String ERASED_SINCE = """
            select 1 from lead_erasure where org_id = ? and email_hash = ? and erased_at >= ? limit 1""";

    @Inject
    AgroalDataSource db;

    /**
     * Keeps the erasure; true the first time it is kept here (then the caller audits it). An event whose hash is not
     * one can never be applied: it goes to the dead letters.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean record(LeadErased e) {
        if (!HASH.matcher(e.leadEmailHash()).matches()) {
            throw new PoisonEventException("lead-erased " + e.erasureId() + " names no SHA-256 hex hash", null);
        }
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(RECORD)) {
            ps.setObject(1, e.erasureId());
            ps.setObject(2, e.orgId());
            ps.setString(3, e.leadEmailHash());
            ps.setTimestamp(4, Timestamp.from(e.erasedAt()));
            ps.setObject(5, e.byUserId());
            return ps.executeUpdate() == 1;
        } catch (SQLException ex) {
            throw new IllegalStateException("recording erasure " + e.erasureId(), ex);
        }
    }

    /**
     * Whether {@code leadEmail} of {@code orgId} was erased at or after {@code madeAt}, when what names them (a booking)
     * was made: then it is about the person erased. Without a time it is taken as made before.
     */
    public boolean erasedSince(UUID orgId, String leadEmail, Instant madeAt) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(ERASED_SINCE)) {
            ps.setObject(1, orgId);
            ps.setString(2, LeadErased.hashOf(leadEmail));
            ps.setTimestamp(3, Timestamp.from(madeAt == null ? Instant.EPOCH : madeAt));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("reading the lead erasures of " + orgId, ex);
        }
    }
}
