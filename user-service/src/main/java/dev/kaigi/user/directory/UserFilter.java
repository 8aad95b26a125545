package dev.kaigi.user.directory;

import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;

import java.util.UUID;

/** USR-03 list filters; null means "any". Deleted users are listed only when asked for by status. */
public record UserFilter(UserStatus status, Role role, UserType userType, UUID teamId, String text) {
}
