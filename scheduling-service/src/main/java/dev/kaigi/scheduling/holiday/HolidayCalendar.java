package dev.kaigi.scheduling.holiday;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One holiday calendar Kaigi ships (AVL-03), such as Japan's national holidays: its dates with their names, and the
 * years it covers. Immutable; {@link HolidayCalendars} loads each once.
 */
public final class HolidayCalendar {

    /** The header every calendar file starts with. */
    static final String HEADER = "date,name_ja,name_en";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    /** One holiday: its date and its name in Japanese and, when the source has one, in English. */
    public record Holiday(LocalDate date, String nameJa, String nameEn) {

        /** The name in Japanese for a Japanese reader, else in English where there is one. */
        public String name(Locale locale) {
            return isJapanese(locale) || nameEn == null ? nameJa : nameEn;
        }
    }

    private final String id;
    private final String nameJa;
    private final String nameEn;
    private final NavigableMap<LocalDate, Holiday> holidays;

    private HolidayCalendar(String id, String nameJa, String nameEn, NavigableMap<LocalDate, Holiday> holidays) {
        this.id = id;
        this.nameJa = nameJa;
        this.nameEn = nameEn;
        this.holidays = Collections.unmodifiableNavigableMap(holidays);
    }

    /**
     * Reads a calendar file: {@link #HEADER}, then one {@code date,name_ja,name_en} per line, dates ascending, no
     * quoting. Any other line fails with the file's name and the line's number, so bad data never loads half.
     *
     * @param source the file's name for the messages
     */
    static HolidayCalendar parse(String id, String nameJa, String nameEn, String source, BufferedReader in) throws IOException {
        String header = in.readLine();
        if (header != null && header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        if (!HEADER.equals(header)) {
            throw malformed(source, 1, "the header must be '" + HEADER + "', not '" + header + "'");
        }
        NavigableMap<LocalDate, Holiday> holidays = new TreeMap<>();
        int number = 1;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            number++;
            String[] fields = line.split(",", -1);
            if (fields.length != 3) {
                throw malformed(source, number, "3 fields expected, " + fields.length + " found: '" + line + "'");
            }
            LocalDate date;
            try {
                date = LocalDate.parse(fields[0], DATE);
            } catch (DateTimeParseException e) {
                throw malformed(source, number, "not a date (yyyy-MM-dd): '" + fields[0] + "'");
            }
            if (!holidays.isEmpty() && !date.isAfter(holidays.lastKey())) {
                throw malformed(source, number, date + " does not come after " + holidays.lastKey());
            }
            String ja = fields[1].strip();
            if (ja.isEmpty()) {
                throw malformed(source, number, "the Japanese name is empty");
            }
            String en = fields[2].strip();
            holidays.put(date, new Holiday(date, ja, en.isEmpty() ? null : en));
        }
        if (holidays.isEmpty()) {
            throw malformed(source, number, "no holidays");
        }
        return new HolidayCalendar(id, nameJa, nameEn, holidays);
    }

    private static IllegalStateException malformed(String source, int line, String what) {
        return new IllegalStateException("holiday calendar " + source + ", line " + line + ": " + what);
    }

    static boolean isJapanese(Locale locale) {
        return locale != null && "ja".equals(locale.getLanguage());
    }

    /** The id organizations choose it by, e.g. {@code JP}. */
    public String id() {
        return id;
    }

    /** The calendar's name in Japanese for a Japanese reader, else in English. */
    public String name(Locale locale) {
        return isJapanese(locale) ? nameJa : nameEn;
    }

    /** The first year the calendar covers whole. */
    public int firstYear() {
        return holidays.firstKey().getYear();
    }

    /** The last year the calendar covers whole: beyond it, no day is known as a holiday. */
    public int lastYear() {
        return holidays.lastKey().getYear();
    }

    public boolean isHoliday(LocalDate date) {
        return holidays.containsKey(date);
    }

    /** The holiday's name in {@code locale} (Japanese or English); empty when {@code date} is no holiday. */
    public Optional<String> nameOf(LocalDate date, Locale locale) {
        return Optional.ofNullable(holidays.get(date)).map(h -> h.name(locale));
    }

    /** The holidays from {@code from} to {@code to}, both included, in date order. */
    public List<Holiday> between(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return List.of();
        }
        return List.copyOf(holidays.subMap(from, true, to, true).values());
    }

    @Override
    public String toString() {
        return "HolidayCalendar[" + id + ", " + firstYear() + "–" + lastYear() + ", " + holidays.size() + " holidays]";
    }
}
