package dev.kaigi.chassis.security;

import dev.kaigi.events.user.ProfilePermission;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The permissions of each user's profile as this service knows them from user-service's events
 * ({@code permission-profile-saved} and the {@code permissionProfileId} of the user events), so a profile
 * change reaches every service within seconds, as a deactivation does (LIF-01), without a new token.
 * {@link CurrentCaller} asks only when a checked {@link Permission} names a catalogue entry.
 */
public interface CallerProfiles {

    /**
     * The permissions of {@code userId}'s profile in {@code orgId}; empty when the user or their profile is
     * not known here (yet), in which case the role alone decides.
     */
    Optional<Set<ProfilePermission>> permissionsOf(UUID userId, UUID orgId);
}
