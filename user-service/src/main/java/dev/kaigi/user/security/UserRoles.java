package dev.kaigi.user.security;

import dev.kaigi.chassis.security.Permission;
import dev.kaigi.chassis.security.Roles;
import dev.kaigi.events.user.Role;
import dev.kaigi.user.directory.UserAccount;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The roles a Kaigi user holds, named as grants and the identity provider name them ({@link Roles}). */
public final class UserRoles {

    private static final String[] EVERY_ROLE = Arrays.stream(Role.values()).map(UserRoles::name).toArray(String[]::new);

    private UserRoles() {
    }

    /** A permission every user of the organization holds, whatever their role. */
    public static Permission everyUser(String name) {
        return Permission.of(name, EVERY_ROLE);
    }

    /** The roles {@code user} holds: their role, and super admin for the organization's super admin (ORG-02). */
    public static List<String> of(UserAccount user, UUID superAdminId) {
        List<String> roles = new ArrayList<>(List.of(name(user.role)));
        if (user.id.equals(superAdminId)) {
            roles.add(Roles.SUPER_ADMIN);
        }
        return roles;
    }

    private static String name(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }
}
