package dev.kaigi.scheduling.eligibility;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a host cannot take a slot (SCH-07), as the stable code clients and tests see. */
public enum Reason {
    INACTIVE("inactive"),
    TEAM_USER("team-user"),
    CALENDAR_NOT_CONNECTED("calendar-not-connected"),
    ABSENT("absent"),
    HOLIDAY("holiday"),
    OUTSIDE_WORKING_HOURS("outside-working-hours"),
    IN_BREAK("in-break"),
    OVERLAPPING_MEETING("overlapping-meeting"),
    DAILY_CAP_REACHED("daily-cap-reached"),
    OPPORTUNITY_CAP_REACHED("opportunity-cap-reached"),
    ZOOM_NOT_CONFIGURED("zoom-not-configured");

    private final String code;

    Reason(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }
}
