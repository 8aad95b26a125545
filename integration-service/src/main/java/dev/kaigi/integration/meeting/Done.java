package dev.kaigi.integration.meeting;

import dev.kaigi.integration.meeting.SideEffects.Outcome;

import java.util.UUID;

/**
 * How one side effect ended, as it is recorded.
 *
 * @param result what later steps read: a meeting's URL, a calendar event's id
 * @param accountUserId the user whose Zoom account or calendar holds what it created
 */
record Done(Outcome outcome, String result, String detail, UUID accountUserId) {

    static Done done(String result, String detail) {
        return new Done(Outcome.DONE, result, detail, null);
    }

    static Done skipped(String detail) {
        return new Done(Outcome.SKIPPED, null, detail, null);
    }

    Done in(UUID account) {
        return new Done(outcome, result, detail, account);
    }
}
