package dev.kaigi.scheduling.holiday;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AVL-03: the holiday calendars Kaigi ships, as {@link HolidayCalendars} loads them from the vendored files. */
class HolidayCalendarsTest {

    private static final HolidayCalendar JP = HolidayCalendars.byId("JP").orElseThrow();

    @ParameterizedTest(name = "AVL-03 {0} is a holiday of Japan: {1} / {2}")
    @CsvSource(quoteCharacter = '"', value = {
            "2026-01-01, 元日, New Year's Day",
            "2026-02-23, 天皇誕生日, Emperor's Birthday",
            "2026-05-06, こどもの日 振替休日, Holiday in lieu",
            "2026-09-22, 休日, Citizen's Holiday",
            "2025-11-24, 勤労感謝の日 振替休日, Holiday in lieu",
            "2018-12-23, 天皇誕生日, Emperor's Birthday",
            "2019-05-01, 休日（祝日扱い）, Holiday",
            "2030-01-01, 元日, New Year's Day"})
    void japaneseHolidays(LocalDate date, String ja, String en) {
        assertTrue(JP.isHoliday(date));
        assertEquals(Optional.of(ja), JP.nameOf(date, Locale.JAPANESE));
        assertEquals(Optional.of(ja), JP.nameOf(date, Locale.forLanguageTag("ja-JP")));
        assertEquals(Optional.of(en), JP.nameOf(date, Locale.ENGLISH));
    }

    @ParameterizedTest(name = "AVL-03 {0} is no holiday of Japan ({1})")
    @CsvSource(quoteCharacter = '"', value = {
            "2026-05-07, the day after the substitute holiday",
            "2026-12-23, the Emperor's Birthday moved to 23 February in 2020",
            "2026-09-24, the day after the autumnal equinox",
            "2026-12-31, the new-year break is a custom of companies not a national holiday"})
    void workingDays(LocalDate date, String why) {
        assertFalse(JP.isHoliday(date), why);
        assertEquals(Optional.empty(), JP.nameOf(date, Locale.ENGLISH));
    }

    @Test
    @DisplayName("AVL-03 Japan's calendar covers the booking window ahead: through 2030 at least, each year with its New Year's Day")
    void coversTheYearsAhead() {
        assertTrue(JP.lastYear() >= 2030, "last year " + JP.lastYear());
        assertTrue(JP.firstYear() <= 2025, "first year " + JP.firstYear());
        for (int year = JP.firstYear(); year <= JP.lastYear(); year++) {
            assertTrue(JP.isHoliday(LocalDate.of(year, 1, 1)), "New Year's Day " + year);
            int count = JP.between(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)).size();
            assertTrue(count >= 12 && count <= 24, year + " has " + count + " holidays");
        }
        assertEquals("JP", JP.id());
        assertEquals("日本の国民の祝日", JP.name(Locale.JAPANESE));
        assertEquals("Japan's national holidays", JP.name(Locale.ENGLISH));
    }

    @Test
    @DisplayName("AVL-03 the registry knows JP by its exact id only")
    void registry() {
        assertEquals(java.util.List.of(JP), HolidayCalendars.all());
        assertEquals(Optional.empty(), HolidayCalendars.byId("jp"));
        assertEquals(Optional.empty(), HolidayCalendars.byId("XX"));
        assertEquals(Optional.empty(), HolidayCalendars.byId(null));
    }

    @Test
    @DisplayName("AVL-03 between gives the holidays of a range in date order, both ends included")
    void between() {
        var golden = JP.between(LocalDate.parse("2026-04-29"), LocalDate.parse("2026-05-06"));
        assertEquals(java.util.List.of("2026-04-29", "2026-05-03", "2026-05-04", "2026-05-05", "2026-05-06"),
                golden.stream().map(h -> h.date().toString()).toList());
        assertEquals(java.util.List.of(), JP.between(LocalDate.parse("2026-05-07"), LocalDate.parse("2026-05-06")));
    }

    @ParameterizedTest(name = "AVL-03 a malformed calendar file fails loudly: {0}")
    @CsvSource(delimiter = '|', value = {
            "a field missing | 2026-01-02,三が日 | line 3",
            "a field too many | 2026-01-02,三が日,Jan 2,x | line 3",
            "not a date | 2026-13-01,x,y | line 3",
            "an impossible date | 2026-02-30,x,y | line 3",
            "a date out of order | 2025-12-31,x,y | line 3",
            "a duplicate date | 2026-01-01,x,y | line 3",
            "no Japanese name | 2026-01-02,,y | line 3",
            "an empty line | '' | line 3"})
    void malformedLineFails(String what, String line, String where) {
        String file = HolidayCalendar.HEADER + "\n2026-01-01,元日,New Year's Day\n" + line + "\n2026-01-12,成人の日,Coming of Age Day\n";
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> parse(file), what);
        assertTrue(e.getMessage().contains("test.csv, " + where), e.getMessage());
    }

    @Test
    @DisplayName("AVL-03 a calendar file without its header or without holidays fails loudly")
    void headerAndContentRequired() throws Exception {
        assertTrue(assertThrows(IllegalStateException.class, () -> parse("2026-01-01,元日,New Year's Day\n"))
                .getMessage().contains("line 1"));
        assertTrue(assertThrows(IllegalStateException.class, () -> parse(HolidayCalendar.HEADER + "\n"))
                .getMessage().contains("no holidays"));
        HolidayCalendar ok = parse(HolidayCalendar.HEADER + "\n2026-01-01,元日,\n");
        assertEquals(Optional.of("元日"), ok.nameOf(LocalDate.parse("2026-01-01"), Locale.ENGLISH), "no English name: the Japanese one");
    }

    private static HolidayCalendar parse(String content) throws Exception {
        return HolidayCalendar.parse("T", "テスト", "Test", "test.csv", new BufferedReader(new StringReader(content)));
    }
}
