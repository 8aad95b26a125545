package dev.kaigi.scheduling;

import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A work schedule's request body, said by name: {@code ScheduleBody.in(TOKYO).hours("09:00", "18:00").dailyCap(2)}.
 * Every weekday is enabled; no break, no cap and no opportunity cap unless given.
 */
final class ScheduleBody {

    private final String zone;
    private String start = "09:00";
    private String end = "18:00";
    private String breakStart;
    private String breakEnd;
    private final Map<DayOfWeek, Integer> caps = new EnumMap<>(DayOfWeek.class);
    private Integer opportunityCap;

    private ScheduleBody(String zone) {
        this.zone = zone;
    }

    /** Every weekday 09:00–18:00 in {@code zone}. */
    static ScheduleBody in(String zone) {
        return new ScheduleBody(zone);
    }

    ScheduleBody hours(String start, String end) {
        this.start = start;
        this.end = end;
        return this;
    }

    /** One break every day. */
    ScheduleBody breakFrom(String start, String end) {
        this.breakStart = start;
        this.breakEnd = end;
        return this;
    }

    /** The same daily cap on every weekday (SCH-02). */
    ScheduleBody dailyCap(int cap) {
        Arrays.stream(DayOfWeek.values()).forEach(d -> caps.put(d, cap));
        return this;
    }

    /** A daily cap on one weekday only. */
    ScheduleBody cap(DayOfWeek day, int cap) {
        caps.put(day, cap);
        return this;
    }

    /** SCH-04's cap of open Salesforce opportunities. */
    ScheduleBody opportunityCap(int cap) {
        this.opportunityCap = cap;
        return this;
    }

    String json() {
        String breaks = breakStart == null ? "[]" : "[{\"start\":\"" + breakStart + "\",\"end\":\"" + breakEnd + "\"}]";
        String days = Arrays.stream(DayOfWeek.values())
                .map(d -> "{\"day\":\"" + d + "\",\"enabled\":true,\"start\":\"" + start + "\",\"end\":\"" + end + "\",\"breaks\":" + breaks
                        + ",\"dailyCap\":" + caps.get(d) + "}")
                .collect(Collectors.joining(","));
        return "{\"timeZone\":\"" + zone + "\",\"opportunityCap\":" + opportunityCap + ",\"weekdays\":[" + days + "]}";
    }

    @Override
    public String toString() {
        return json();
    }
}
