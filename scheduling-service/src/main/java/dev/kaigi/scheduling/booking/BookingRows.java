package dev.kaigi.scheduling.booking;

import dev.kaigi.events.scheduling.ConferencingMethod;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A booking read as it is now, in one auto-commit round trip and without a transaction: what a
 * move is planned from ({@link BookingMoves}). The move's statement locks the row and checks its
 * sequence, so a read without a lock is enough, and a transaction would only add a round trip.
 */
@ApplicationScoped
class BookingRows {

    private static final String SELECT = """
            select id, org_id, host_user_id, meeting_type_id, meeting_type_name, conferencing_method, starts_at, ends_at,
                   blocked_from, blocked_to, host_day, host_time_zone, status, lead_name, lead_email, lead_company, lead_locale,
                   lead_time_zone, notes, via_public_page, created_at, cancelled_at, cancel_reason, sequence, updated_at,
                   conference_url, reminder_minutes_before
            from booking where org_id = ? and id = ?""";

    @Inject
    AgroalDataSource db;

    Optional<Booking> find(UUID orgId, UUID id) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(SELECT)) {
            ps.setObject(1, orgId);
            ps.setObject(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(booking(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading booking " + id, e);
        }
    }

    private static Booking booking(ResultSet rs) throws SQLException {
        Booking b = new Booking();
        b.id = rs.getObject("id", UUID.class);
        b.orgId = rs.getObject("org_id", UUID.class);
        b.hostUserId = rs.getObject("host_user_id", UUID.class);
        b.meetingTypeId = rs.getObject("meeting_type_id", UUID.class);
        b.meetingTypeName = rs.getString("meeting_type_name");
        b.conferencingMethod = ConferencingMethod.valueOf(rs.getString("conferencing_method"));
        b.startsAt = instant(rs, "starts_at");
        b.endsAt = instant(rs, "ends_at");
        b.blockedFrom = instant(rs, "blocked_from");
        b.blockedTo = instant(rs, "blocked_to");
        b.hostDay = rs.getObject("host_day", LocalDate.class);
        b.hostTimeZone = rs.getString("host_time_zone");
        b.status = BookingStatus.valueOf(rs.getString("status"));
        b.leadName = rs.getString("lead_name");
        b.leadEmail = rs.getString("lead_email");
        b.leadCompany = rs.getString("lead_company");
        b.leadLocale = rs.getString("lead_locale");
        b.leadTimeZone = rs.getString("lead_time_zone");
        b.notes = rs.getString("notes");
        b.viaPublicPage = rs.getBoolean("via_public_page");
        b.createdAt = instant(rs, "created_at");
        b.cancelledAt = instant(rs, "cancelled_at");
        b.cancelReason = rs.getString("cancel_reason");
        b.sequence = rs.getInt("sequence");
        b.updatedAt = instant(rs, "updated_at");
        b.conferenceUrl = rs.getString("conference_url");
        b.reminderMinutesBefore = Arrays.stream((Integer[]) rs.getArray("reminder_minutes_before").getArray())
                .mapToInt(Integer::intValue).toArray();
        return b;
    }

    /** {@code minutes} as PostgreSQL's text form of an integer array, e.g. {@code {60,1440}}. */
    static String arrayText(int[] minutes) {
        return Arrays.stream(minutes).mapToObj(Integer::toString).collect(Collectors.joining(",", "{", "}"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
