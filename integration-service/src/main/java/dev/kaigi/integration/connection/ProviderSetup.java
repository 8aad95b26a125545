package dev.kaigi.integration.connection;

import dev.kaigi.chassis.problem.ProblemException;

/**
 * Whether this deployment is registered with a provider. Without a client id no authorization can
 * succeed, so starting one answers 503 {@code provider-not-configured} naming the variable an operator
 * sets, rather than a link to the provider that fails on its sign-in page.
 */
public final class ProviderSetup {

    /** The client id's value when the deployment sets none (application.properties' default). */
    public static final String NOT_CONFIGURED = "not-configured";

    private ProviderSetup() {
    }

    public static void requireConfigured(Provider provider, String clientId, String variable) {
        if (clientId == null || clientId.isBlank() || clientId.equals(NOT_CONFIGURED)) {
            throw new ProblemException(503, "provider-not-configured", provider.displayName(), variable);
        }
    }
}
