package dev.kaigi.chassis.security;

import java.util.UUID;

/**
 * What a service knows from user-service's events about the users presenting tokens (LIF-01): each
 * service implements it as one bean over its own copy of the users, and {@link RevokedCallerFilter}
 * asks it on every request with a user's token, so it should be a single indexed read.
 */
public interface RevokedCallers {

    /**
     * Whether the token of {@code userId}, saying organization {@code orgId}, must be refused though it
     * has not expired: the user is known here as gone, or (where the service says so) as a member of
     * another organization. A user not known here is not revoked.
     */
    boolean revoked(UUID userId, UUID orgId);
}
