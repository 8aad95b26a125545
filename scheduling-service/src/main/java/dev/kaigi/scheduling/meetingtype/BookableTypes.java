package dev.kaigi.scheduling.meetingtype;

import dev.kaigi.events.scheduling.ConferencingMethod;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A meeting type with its host pool, read for the hot paths (booking, availability, eligibility)
 * in one plain query without a transaction: the profile of the booking benchmark showed the ORM
 * read of the type in its own transaction as a third of the request's CPU.
 * <p>
 * Every type read is also remembered, labelled with its organization's facts version: a booking
 * starts from the remembered type and checks the version in its first round trip
 * ({@code BookingReads}), so that in the common case it reads the type not at all.
 */
@ApplicationScoped
public class BookableTypes {

    /**
     * A meeting type as booking sees it: its rules (a detached copy, never written), its pool in
     * order, the organization's facts version read with it (V5), under which the pool's hosts
     * may come from memory ({@link dev.kaigi.scheduling.eligibility.HostFactsCache}), and each pool
     * host's weight and priority in the fair choice (AVL-05).
     */
    public record BookableType(MeetingType type, List<UUID> pool, long factsVersion, Map<UUID, PoolShare> shares) {

        /** A type whose hosts all have the default weight and priority. */
        public BookableType(MeetingType type, List<UUID> pool, long factsVersion) {
            this(type, pool, factsVersion, Map.of());
        }

        /** The host's weight and priority here; the defaults for a host outside the pool (a transferee, LIF-02). */
        public PoolShare share(UUID host) {
            return shares.getOrDefault(host, PoolShare.DEFAULT);
        }
    }

    /** How a caller names a meeting type: by its id in the caller's organization, or by its public booking id. */
    public sealed interface TypeRef {
    }

    /** A type of {@code orgId}; another organization's does not exist here (ORG-01). */
    public record InOrganization(UUID orgId, UUID id) implements TypeRef {
    }

    /** The type a public booking page names. */
    public record OnPublicPage(String publicBookingId) implements TypeRef {
    }

    /** Types are small (a pool of ids): past this many everything is dropped and read again as needed. */
    static final int MAX_REMEMBERED = 2_000;

    private static final String SELECT = """
            select t.id, t.org_id, t.name, t.duration_minutes, t.conferencing_method, t.slot_step_minutes,
                   t.minimum_notice_minutes, t.booking_horizon_days, t.buffer_before_minutes, t.buffer_after_minutes,
                   t.public_booking_id, t.version,
                   array(select h.user_id from meeting_type_host h where h.meeting_type_id = t.id order by h.position),
                   coalesce((select v.version from org_facts_version v where v.org_id = t.org_id), 0),
                   t.reminder_minutes_before,
                   array(select h.weight from meeting_type_host h where h.meeting_type_id = t.id order by h.position),
                   array(select h.priority from meeting_type_host h where h.meeting_type_id = t.id order by h.position)
            from meeting_type t
            """;

    @Inject
    AgroalDataSource db;

    private final Map<UUID, BookableType> byId = new ConcurrentHashMap<>();
    private final Map<String, BookableType> byPublicId = new ConcurrentHashMap<>();

    /** The type if it belongs to {@code orgId}; another organization's does not exist here (ORG-01). */
    public Optional<BookableType> inOrganization(UUID orgId, UUID id) {
        return read(new InOrganization(orgId, id));
    }

    /** The type a public booking page names. */
    public Optional<BookableType> byPublicBookingId(String publicBookingId) {
        return read(new OnPublicPage(publicBookingId));
    }

    /** The type as it is now, read from the database (and remembered). */
    public Optional<BookableType> read(TypeRef ref) {
        Optional<BookableType> found = ref instanceof InOrganization r
                ? one(SELECT + "where t.org_id = ? and t.id = ?", r.orgId(), r.id())
                : one(SELECT + "where t.public_booking_id = ?", ((OnPublicPage) ref).publicBookingId());
        found.ifPresent(this::remember);
        return found;
    }

    /**
     * The type as last read, or null. It is current only while its organization's facts version
     * is still {@link BookableType#factsVersion()}: the caller must check that before relying on it.
     */
    public BookableType remembered(TypeRef ref) {
        if (ref instanceof InOrganization r) {
            BookableType t = byId.get(r.id());
            return t != null && t.type().orgId.equals(r.orgId()) ? t : null;
        }
        return byPublicId.get(((OnPublicPage) ref).publicBookingId());
    }

    /** Drops a remembered type whose organization's facts changed since it was read. */
    public void forget(BookableType t) {
        byId.remove(t.type().id, t);
        if (t.type().publicBookingId != null) {
            byPublicId.remove(t.type().publicBookingId, t);
        }
    }

    private void remember(BookableType t) {
        if (byId.size() >= MAX_REMEMBERED) {
            byId.clear();
            byPublicId.clear();
        }
        byId.put(t.type().id, t);
        if (t.type().publicBookingId != null) {
            byPublicId.put(t.type().publicBookingId, t);
        }
    }

    private Optional<BookableType> one(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading a meeting type", e);
        }
    }

    private static BookableType read(ResultSet rs) throws SQLException {
        MeetingType t = new MeetingType();
        t.id = rs.getObject(1, UUID.class);
        t.orgId = rs.getObject(2, UUID.class);
        t.name = rs.getString(3);
        t.durationMinutes = rs.getInt(4);
        t.conferencingMethod = ConferencingMethod.valueOf(rs.getString(5));
        t.slotStepMinutes = rs.getInt(6);
        t.minimumNoticeMinutes = rs.getInt(7);
        t.bookingHorizonDays = rs.getInt(8);
        t.bufferBeforeMinutes = rs.getInt(9);
        t.bufferAfterMinutes = rs.getInt(10);
        t.publicBookingId = rs.getString(11);
        t.version = rs.getLong(12);
        t.reminderMinutesBefore = Arrays.stream((Integer[]) rs.getArray(15).getArray()).mapToInt(Integer::intValue).toArray();
        UUID[] pool = (UUID[]) rs.getArray(13).getArray();
        Integer[] weights = (Integer[]) rs.getArray(16).getArray();
        Integer[] priorities = (Integer[]) rs.getArray(17).getArray();
        Map<UUID, PoolShare> shares = new HashMap<>();
        for (int i = 0; i < pool.length; i++) {
            shares.put(pool[i], new PoolShare(weights[i], priorities[i]));
        }
        return new BookableType(t, List.copyOf(Arrays.asList(pool)), rs.getLong(14), Map.copyOf(shares));
    }
}
