package dev.kaigi.user.identity;

import java.util.Optional;
import java.util.UUID;

/**
 * The port to the identity provider where users sign in (Keycloak in production). user-service
 * owns who is in which organization with which role; the directory is kept in step with it
 * ({@link IdentitySync}) so that tokens carry the right {@code org_id}, {@code uid} and
 * {@code roles}, and so that a deactivated user cannot sign in again.
 */
public interface IdentityDirectory {

    /** Whether a real directory is connected; when not, nothing is synchronized. */
    boolean connected();

    /** Creates the account or brings it up to date; idempotent. */
    void save(IdentityAccount account);

    /** Deletes the account if there is one; idempotent. */
    void remove(UUID userId);

    /** USR-04: the email address the provider holds for the user now, if the user has an account there. */
    Optional<String> currentEmail(UUID userId);
}
