package dev.kaigi.scheduling.holiday;

import org.jboss.logging.Logger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/** An organization's closed days: its chosen calendar's holidays and its own days (AVL-03). */
public final class ClosedDays {

    private static final Logger LOG = Logger.getLogger(ClosedDays.class);

    /** No calendar and no days of its own: every day is open. */
    public static final ClosedDays NONE = new ClosedDays(null, Set.of());

    /**
     * One statement; parameters: org_id, org_id. Rows: (calendar text, day date), calendar row first with null day;
     * then own days with null calendar. Own days more than two days past are left out: no zone is that far behind
     * the server's date, so none of them can be a day anyone is still offered.
     */
    public static final String QUERY = "select calendar, null::date from org_holiday_calendar where org_id = ? and calendar is not null"
            + " union all select null, day from org_closed_day where org_id = ? and day >= current_date - 2";

    private final HolidayCalendar calendar;
    private final Set<LocalDate> own;

    private ClosedDays(HolidayCalendar calendar, Set<LocalDate> own) {
        this.calendar = calendar;
        this.own = Set.copyOf(own);
    }

    /**
     * The closed days in {@link #QUERY}'s rows, whatever their order: reads all rows and closes nothing. A calendar
     * id Kaigi no longer ships is ignored (logged), so an organization's choice never breaks its bookings.
     */
    public static ClosedDays read(ResultSet rs) throws SQLException {
        String calendarId = null;
        Set<LocalDate> days = new HashSet<>();
        while (rs.next()) {
            String id = rs.getString(1);
            if (id != null) {
                calendarId = id;
            } else {
                LocalDate day = rs.getObject(2, LocalDate.class);
                if (day != null) {
                    days.add(day);
                }
            }
        }
        HolidayCalendar calendar = null;
        if (calendarId != null) {
            calendar = HolidayCalendars.byId(calendarId).orElse(null);
            if (calendar == null) {
                LOG.warnf("holiday calendar %s is not one Kaigi ships; its holidays are not closed days", calendarId);
            }
        }
        return calendar == null && days.isEmpty() ? NONE : new ClosedDays(calendar, days);
    }

    /** Whether {@code date} is closed: a holiday of the calendar or one of the organization's own days. */
    public boolean closed(LocalDate date) {
        return own.contains(date) || (calendar != null && calendar.isHoliday(date));
    }

    @Override
    public String toString() {
        return "ClosedDays[" + (calendar == null ? "no calendar" : calendar.id()) + ", " + own.size() + " own days]";
    }
}
