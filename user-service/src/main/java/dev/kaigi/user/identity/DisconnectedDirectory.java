package dev.kaigi.user.identity;

import java.util.Optional;
import java.util.UUID;

/** No identity provider to keep in step (tests, local runs without Keycloak). */
final class DisconnectedDirectory implements IdentityDirectory {

    @Override
    public boolean connected() {
        return false;
    }

    @Override
    public void save(IdentityAccount account) {
    }

    @Override
    public void remove(UUID userId) {
    }

    @Override
    public Optional<String> currentEmail(UUID userId) {
        return Optional.empty();
    }
}
