package dev.kaigi.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Gives a service under test its own database on the shared embedded PostgreSQL, the shared Kafka
 * broker, and the public key its test tokens are signed with. Use it on one test class of the
 * module: {@code @QuarkusTestResource(value = KaigiTestResources.class, initArgs =
 * @ResourceArg(name = "database", value = "licensing"))}.
 */
public class KaigiTestResources implements QuarkusTestResourceLifecycleManager {

    private String database = "kaigi";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.datasource.jdbc.url", PostgresServer.database(database),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", PostgresServer.PASSWORD,
                "kafka.bootstrap.servers", KafkaBroker.bootstrapServers(),
                "quarkus.oidc.public-key", TestTokens.publicKey(),
                "quarkus.oidc.token.issuer", TestTokens.ISSUER);
    }

    @Override
    public void stop() {
        // PostgreSQL and Kafka live for the whole test JVM; their shutdown hooks stop them.
    }
}
