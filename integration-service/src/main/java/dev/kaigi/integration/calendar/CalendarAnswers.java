package dev.kaigi.integration.calendar;

import dev.kaigi.integration.connection.LinkedAccount;
import dev.kaigi.integration.provider.ProviderRejectedException;

/** Checks shared by the calendar clients' readings of provider answers. */
final class CalendarAnswers {

    private CalendarAnswers() {
    }

    /** The linked account, or a refusal when the provider did not say who it is. */
    static LinkedAccount account(String provider, String id, String email) {
        if (id == null || id.isBlank() || email == null || !email.contains("@")) {
            throw new ProviderRejectedException(provider, 200, "unreadable-answer");
        }
        return new LinkedAccount(id, email);
    }
}
