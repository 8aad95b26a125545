package dev.kaigi.user.identity;

import java.util.List;
import java.util.UUID;

/**
 * A user as the identity provider should hold them: signed in by email, enabled only while
 * ACTIVE, and carrying the attributes the tokens are built from.
 */
public record IdentityAccount(UUID userId, UUID orgId, String email, String firstName, String lastName,
                              boolean enabled, List<String> roles) {
}
