package dev.kaigi.chassis.security;

import dev.kaigi.events.user.ProfilePermission;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the calling user's permission profile allows (USR-07). A {@link Permission} tied to a catalogue
 * entry asks this beside the role, so a MANAGER whose profile lacks an entry is refused what the role alone
 * would allow. Partner clients and services have no profile; their grants allow everything their roles or
 * scopes do.
 */
@FunctionalInterface
public interface ProfileGrants {

    /** No profile narrows the caller: a partner, a service, or a user whose profile is not known here yet. */
    ProfileGrants UNRESTRICTED = permission -> true;

    boolean allows(ProfilePermission permission);

    /**
     * Grants read by {@code read} when a permission first asks, so a request checking only roles reads
     * nothing more; a profile {@code read} does not know leaves the role to decide.
     */
    static ProfileGrants readOnFirstAsk(Supplier<Optional<Set<ProfilePermission>>> read) {
        return new ProfileGrants() {
            private Optional<Set<ProfilePermission>> granted;

            @Override
            public boolean allows(ProfilePermission permission) {
                if (granted == null) {
                    granted = read.get();
                }
                return granted.map(g -> g.contains(permission)).orElse(true);
            }
        };
    }
}
