package dev.kaigi.events.internal;

import java.util.Objects;

/** The body of {@link InternalPaths#LEAD_PERSONAL_DATA}: the lead's email, matched ignoring case. */
public record LeadQuery(String email) {

    public LeadQuery {
        Objects.requireNonNull(email, "email");
    }
}
