package dev.kaigi.scheduling.booking;

import dev.kaigi.chassis.links.ManageTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/**
 * The manage link of each booking (MTG-02): its token is derived from the booking's id under the
 * secret scheduling-service shares with integration-service ({@link ManageTokens}), and only its
 * hash is stored with the booking. The token reaches the lead in the booking's 201 (added to the
 * answer as it leaves, never kept with an Idempotency-Key) and in every mail integration-service
 * sends, which derives it the same way.
 */
@ApplicationScoped
public class ManageLinks {

    /** The answer's token field as rendered and kept; the token is written in only as the answer leaves. */
    static final String NO_TOKEN_JSON = "\"manageToken\":null";

    private final ManageTokens tokens;

    @Inject
    ManageLinks(BookingConfig config) {
        this.tokens = ManageTokens.withKey(config.manageLinkSecret());
    }

    String tokenOf(UUID bookingId) {
        return tokens.tokenOf(bookingId);
    }

    byte[] hashOf(UUID bookingId) {
        return ManageTokens.hash(tokens.tokenOf(bookingId));
    }

    /** {@code json}, a booking's answer rendered without its token, with {@code bookingId}'s token. */
    String withToken(String json, UUID bookingId) {
        int at = json.lastIndexOf(NO_TOKEN_JSON); // the last field; in a JSON string every '"' is escaped
        if (at < 0) {
            throw new IllegalStateException("the booking's answer no longer renders " + NO_TOKEN_JSON);
        }
        return json.substring(0, at) + "\"manageToken\":\"" + tokenOf(bookingId) + "\"" + json.substring(at + NO_TOKEN_JSON.length());
    }
}
