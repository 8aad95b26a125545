package dev.kaigi.scheduling.holiday;

import dev.kaigi.chassis.audit.AuditChange;
import dev.kaigi.chassis.audit.AuditTrail;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.scheduling.audit.AuditAction;
import dev.kaigi.scheduling.holiday.HolidayJson.ClosedDayList;
import dev.kaigi.scheduling.holiday.HolidayJson.ClosedDayView;
import dev.kaigi.scheduling.holiday.HolidayJson.HolidayCalendarList;
import dev.kaigi.scheduling.holiday.HolidayJson.HolidayCalendarView;
import dev.kaigi.scheduling.holiday.HolidayJson.HolidayList;
import dev.kaigi.scheduling.holiday.HolidayJson.HolidaySettingsView;
import dev.kaigi.scheduling.holiday.HolidayJson.HolidayView;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Holidays (AVL-03): the calendars Kaigi ships, the one an organization chose, its own closed days (each change
 * audited), and the days those close together.
 * Both tables bump the organization's facts version (V14), so eligibility, which reads them through
 * {@link ClosedDays}, sees a change at once.
 */
@ApplicationScoped
public class HolidayService {

    static final String CALENDAR_SOURCE = "calendar";
    static final String ORGANIZATION_SOURCE = "organization";

    @Inject
    AgroalDataSource db;
    @Inject
    AuditTrail audit;

    /** Loads the calendars as the service starts, so a broken file stops it there rather than at a booking. */
    void loadCalendars(@Observes StartupEvent started) {
        HolidayCalendars.all();
    }

    /** The calendars Kaigi ships, named in {@code locale}. */
    public HolidayCalendarList calendars(Locale locale) {
        return new HolidayCalendarList(HolidayCalendars.all().stream()
                .map(c -> new HolidayCalendarView(c.id(), c.name(locale), c.firstYear(), c.lastYear())).toList());
    }

    @Transactional
    public HolidaySettingsView settings(UUID orgId) {
        try (Connection c = db.getConnection()) {
            return new HolidaySettingsView(calendarOf(c, orgId, false).orElse(null));
        } catch (SQLException e) {
            throw new IllegalStateException("reading the holiday settings of " + orgId, e);
        }
    }

    /** Chooses {@code calendar} (an id of {@link HolidayCalendars}, or null for none); 400 on {@code calendar} for another id. */
    @Transactional
    public HolidaySettingsView chooseCalendar(UUID orgId, String calendar) {
        if (calendar != null && HolidayCalendars.byId(calendar).isEmpty()) {
            throw ProblemException.invalidField("calendar", "unknown-holiday-calendar");
        }
        try (Connection c = db.getConnection()) {
            String before = calendarOf(c, orgId, true).orElse(null);
            if (!Objects.equals(before, calendar)) {
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into org_holiday_calendar (org_id, calendar) values (?, ?)
                        on conflict (org_id) do update set calendar = excluded.calendar""")) {
                    ps.setObject(1, orgId);
                    ps.setString(2, calendar);
                    ps.executeUpdate();
                }
                audit.record(AuditChange.of(orgId, AuditAction.HOLIDAY_CALENDAR_SET)
                        .before(Collections.singletonMap("calendar", before)).after(Collections.singletonMap("calendar", calendar)));
            }
            return new HolidaySettingsView(calendar);
        } catch (SQLException e) {
            throw new IllegalStateException("choosing the holiday calendar of " + orgId, e);
        }
    }

    /** The organization's own closed days from {@code from} to {@code to} (both included, at most a year). */
    @Transactional
    public ClosedDayList closedDays(UUID orgId, LocalDate from, LocalDate to) {
        HolidayDates.checkRange(from, to);
        try (Connection c = db.getConnection()) {
            return new ClosedDayList(ownDays(c, orgId, from, to));
        } catch (SQLException e) {
            throw new IllegalStateException("reading the closed days of " + orgId, e);
        }
    }

    /** Closes {@code day} under {@code name}, or renames it when it is closed already. */
    @Transactional
    public ClosedDayView closeDay(UUID orgId, LocalDate day, String name) {
        String named = name.strip();
        try (Connection c = db.getConnection()) {
            String before = null;
            try (PreparedStatement ps = c.prepareStatement("select name from org_closed_day where org_id = ? and day = ? for update")) {
                ps.setObject(1, orgId);
                ps.setObject(2, day);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        before = rs.getString(1);
                    }
                }
            }
            if (!named.equals(before)) {
                try (PreparedStatement ps = c.prepareStatement("""
                        insert into org_closed_day (org_id, day, name) values (?, ?, ?)
                        on conflict (org_id, day) do update set name = excluded.name""")) {
                    ps.setObject(1, orgId);
                    ps.setObject(2, day);
                    ps.setString(3, named);
                    ps.executeUpdate();
                }
                AuditChange change = AuditChange.of(orgId, AuditAction.CLOSED_DAY_SET).after(auditFields(day, named));
                audit.record(before == null ? change : change.before(auditFields(day, before)));
            }
            return new ClosedDayView(day, named);
        } catch (SQLException e) {
            throw new IllegalStateException("closing " + day + " for " + orgId, e);
        }
    }

    /** Opens {@code day} again; 404 when it is not one of the organization's closed days. */
    @Transactional
    public void reopenDay(UUID orgId, LocalDate day) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("delete from org_closed_day where org_id = ? and day = ? returning name")) {
            ps.setObject(1, orgId);
            ps.setObject(2, day);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("closed-day");
                }
                audit.record(AuditChange.of(orgId, AuditAction.CLOSED_DAY_DELETED).before(auditFields(day, rs.getString(1))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("opening " + day + " for " + orgId, e);
        }
    }

    /**
     * The days the organization is closed from {@code from} to {@code to} (both included, at most a year): its
     * calendar's holidays, named in {@code locale}, and its own closed days, whose name wins where both fall on a date.
     */
    @Transactional
    public HolidayList holidays(UUID orgId, LocalDate from, LocalDate to, Locale locale) {
        HolidayDates.checkRange(from, to);
        try (Connection c = db.getConnection()) {
            Optional<String> calendarId = calendarOf(c, orgId, false);
            Map<LocalDate, HolidayView> days = new TreeMap<>();
            calendarId.flatMap(HolidayCalendars::byId).ifPresent(calendar -> calendar.between(from, to).forEach(h ->
                    days.put(h.date(), new HolidayView(h.date(), h.name(locale), CALENDAR_SOURCE))));
            for (ClosedDayView own : ownDays(c, orgId, from, to)) {
                days.put(own.date(), new HolidayView(own.date(), own.name(), ORGANIZATION_SOURCE));
            }
            return new HolidayList(calendarId.orElse(null), new ArrayList<>(days.values()));
        } catch (SQLException e) {
            throw new IllegalStateException("reading the holidays of " + orgId, e);
        }
    }

    private static Optional<String> calendarOf(Connection c, UUID orgId, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select calendar from org_holiday_calendar where org_id = ?"
                + (forUpdate ? " for update" : ""))) {
            ps.setObject(1, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static List<ClosedDayView> ownDays(Connection c, UUID orgId, LocalDate from, LocalDate to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select day, name from org_closed_day where org_id = ? and day between ? and ? order by day")) {
            ps.setObject(1, orgId);
            ps.setObject(2, from);
            ps.setObject(3, to);
            List<ClosedDayView> days = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    days.add(new ClosedDayView(rs.getObject(1, LocalDate.class), rs.getString(2)));
                }
            }
            return days;
        }
    }

    private static Map<String, Object> auditFields(LocalDate day, String name) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("date", day.toString());
        fields.put("name", name);
        return fields;
    }
}
