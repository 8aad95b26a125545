package dev.kaigi.integration.zoom;

import java.time.Instant;
import java.util.UUID;

/**
 * A user's Zoom link as the API shows it: the linked account's email, never a token.
 *
 * @param relinkRequired Zoom no longer accepts the link (revoked at Zoom): link again
 */
public record ZoomConnectionView(UUID userId, String zoomEmail, Instant linkedAt, boolean relinkRequired) {

    static ZoomConnectionView of(ZoomConnection c) {
        return new ZoomConnectionView(c.userId, c.zoomEmail, c.linkedAt, c.relinkRequired);
    }
}
