package dev.kaigi.scheduling.holiday;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The holiday calendars Kaigi ships (AVL-03), loaded once from the resources beside this class when it is first
 * used. A missing or malformed file fails that first use (and so the service's start, which reads them eagerly)
 * rather than leaving an organization's holidays silently open. How the files are made: {@code README.md} there.
 */
public final class HolidayCalendars {

    private static final List<HolidayCalendar> ALL = List.of(
            load("JP", "日本の国民の祝日", "Japan's national holidays", "jp.csv"));

    private HolidayCalendars() {
    }

    /** The calendar with this id ({@code JP}); empty for any other id, null included. */
    public static Optional<HolidayCalendar> byId(String id) {
        return ALL.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** Every calendar, in the order they are offered. */
    public static List<HolidayCalendar> all() {
        return ALL;
    }

    private static HolidayCalendar load(String id, String nameJa, String nameEn, String resource) {
        InputStream stream = HolidayCalendars.class.getResourceAsStream(resource);
        if (stream == null) {
            throw new IllegalStateException("holiday calendar " + resource + " is missing beside " + HolidayCalendars.class.getName());
        }
        // bytes that are not UTF-8 fail rather than turning into replacement characters in a holiday's name
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, decoder))) {
            return HolidayCalendar.parse(id, nameJa, nameEn, resource, in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading holiday calendar " + resource, e);
        }
    }
}
