package dev.kaigi.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * docker-compose.yml cannot be run on this project's machines (no Docker engine), so it is checked against
 * what the services read: every service, port, environment variable, database, health check and
 * dependency.
 */
class DockerComposeTest {

    static final List<String> SERVICES = ServiceConfiguration.SERVICES;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static JsonNode compose;
    private static JsonNode realm;
    private static String initSql;

    @BeforeAll
    static void read() throws IOException {
        compose = YAML.readTree(ServiceConfiguration.root().resolve("docker-compose.yml").toFile()).path("services");
        realm = new ObjectMapper().readTree(ServiceConfiguration.root().resolve("deploy/keycloak/kaigi-realm.json").toFile());
        initSql = Files.readString(ServiceConfiguration.root().resolve("deploy/postgres/init.sql"));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("SERVICES")
    @DisplayName("Each service sets only variables it reads, and every one it needs without a default")
    void environmentMatchesApplicationProperties(String service) {
        ServiceConfiguration config = ServiceConfiguration.of(service);
        JsonNode env = service(service).path("environment");
        env.fieldNames().forEachRemaining(name -> assertTrue(config.reads(name),
                service + " sets " + name + ", which neither its application.properties nor the chassis reads"));
        config.variables().forEach((name, fallback) -> {
            if (fallback.equals(ServiceConfiguration.REQUIRED)) {
                assertTrue(env.has(name), service + " needs " + name + " (no default) but docker-compose.yml does not set it");
            }
        });
        for (String needed : List.of("KAIGI_KAFKA", "KAIGI_OIDC_URL", "KAIGI_DB_USER", "KAIGI_DB_PASSWORD", dbUrlVariable(service))) {
            assertTrue(env.has(needed), service + " must be given " + needed + " (its default is localhost)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("SERVICES")
    @DisplayName("The container port is the service's HTTP port; the health check asks it for /q/health/ready")
    void portAndHealthCheck(String service) {
        ServiceConfiguration config = ServiceConfiguration.of(service);
        JsonNode s = service(service);
        int port = s.path("environment").has(config.portVariable())
                ? Integer.parseInt(s.path("environment").path(config.portVariable()).asText()) : config.httpPort();
        assertEquals(config.httpPort(), port, service + ": keep the documented port");
        List<String> ports = new ArrayList<>();
        s.path("ports").forEach(p -> ports.add(p.asText()));
        assertEquals(List.of(port + ":" + port), ports, service + " publishes its port on the host as the local stack does");
        String check = s.path("healthcheck").path("test").toString();
        assertTrue(check.contains("localhost:" + port + "/q/health/ready"), service + "'s health check: " + check);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("SERVICES")
    @DisplayName("Database, broker and issuer point at the compose services that provide them")
    void infrastructureAddresses(String service) {
        JsonNode env = service(service).path("environment");
        Matcher db = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(\\w+)").matcher(env.path(dbUrlVariable(service)).asText());
        assertTrue(db.matches(), service + ": " + env.path(dbUrlVariable(service)).asText());
        assertEquals("postgres", db.group(1));
        assertEquals("5432", db.group(2));
        assertTrue(initSql.contains("create database " + db.group(3) + " owner " + env.path("KAIGI_DB_USER").asText()),
                "deploy/postgres/init.sql creates " + db.group(3) + " for " + env.path("KAIGI_DB_USER").asText());
        assertTrue(initSql.contains("create role " + env.path("KAIGI_DB_USER").asText() + " login password '"
                + env.path("KAIGI_DB_PASSWORD").asText() + "'"), "init.sql creates the services' role with their password");

        assertEquals("kafka:9092", env.path("KAIGI_KAFKA").asText());
        assertTrue(compose.path("kafka").path("environment").path("KAFKA_ADVERTISED_LISTENERS").asText().contains("PLAINTEXT://kafka:9092"),
                "the broker advertises the address the services use");

        URI issuer = URI.create(env.path("KAIGI_OIDC_URL").asText());
        assertEquals("keycloak", issuer.getHost());
        assertTrue(compose.path("keycloak").path("command").toString().contains("--http-port=" + issuer.getPort()));
        assertEquals("/realms/" + realm.path("realm").asText(), issuer.getPath());
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("SERVICES")
    @DisplayName("A service starts after what it calls is healthy, and everything it waits for has a health check")
    void dependsOnHealthyDependencies(String service) {
        JsonNode s = service(service);
        List<String> needed = new ArrayList<>(List.of("postgres", "kafka", "keycloak"));
        s.path("environment").forEach(value -> {
            Matcher m = Pattern.compile("^https?://([a-z-]+):(\\d+)").matcher(value.asText());
            if (m.find() && !m.group(1).equals("localhost")) {
                assertTrue(compose.has(m.group(1)), service + " calls " + value.asText() + ", which is no compose service");
                if (SERVICES.contains(m.group(1))) {
                    assertEquals(ServiceConfiguration.of(m.group(1)).httpPort(), Integer.parseInt(m.group(2)), value.asText());
                }
                if (!needed.contains(m.group(1))) {
                    needed.add(m.group(1));
                }
            }
        });
        if (s.path("environment").path("KAIGI_SMTP_HOST").isTextual() && compose.has(s.path("environment").path("KAIGI_SMTP_HOST").asText())) {
            needed.add(s.path("environment").path("KAIGI_SMTP_HOST").asText());
        }
        for (String dependency : needed.stream().distinct().toList()) {
            assertEquals("service_healthy", s.path("depends_on").path(dependency).path("condition").asText(),
                    service + " must wait for " + dependency + " to be healthy");
            assertFalse(compose.path(dependency).path("healthcheck").path("test").isMissingNode(), dependency + " needs a health check");
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("SERVICES")
    @DisplayName("Each service is built from this checkout (the shared service Dockerfile, told which service and port)")
    void dockerfile(String service) throws IOException {
        JsonNode build = service(service).path("build");
        assertEquals(".", build.path("context").asText(), "the repository root: the build needs the parent pom and the chassis");
        assertEquals(service, build.path("args").path("SERVICE").asText());
        assertEquals(String.valueOf(ServiceConfiguration.of(service).httpPort()), build.path("args").path("PORT").asText());
        Path dockerfile = ServiceConfiguration.root().resolve(build.path("dockerfile").asText());
        assertTrue(Files.exists(dockerfile), dockerfile + " missing");
        String text = Files.readString(dockerfile);
        assertTrue(text.contains("-pl ${SERVICE} -am") && text.contains("${SERVICE}/target/quarkus-app"), dockerfile + " builds and runs the packaged app");
        assertTrue(text.contains("EXPOSE ${PORT}"), dockerfile + " exposes the HTTP port");
    }

    @Test
    @DisplayName("Keycloak is the local stack's version and imports the same realm; user-service's secret is the realm's")
    void keycloakAndRealm() throws IOException {
        JsonNode keycloak = compose.path("keycloak");
        String pom = Files.readString(ServiceConfiguration.root().resolve("stack/pom.xml"));
        Matcher version = Pattern.compile("<keycloak.version>([^<]+)</keycloak.version>").matcher(pom);
        assertTrue(version.find());
        assertEquals("quay.io/keycloak/keycloak:" + version.group(1), keycloak.path("image").asText());
        assertTrue(keycloak.path("volumes").toString().contains("./deploy/keycloak/kaigi-realm.json:/opt/keycloak/data/import/"));
        assertTrue(keycloak.path("command").toString().contains("--import-realm"));
        JsonNode user = service("user-service").path("environment");
        assertEquals("true", user.path("KAIGI_KEYCLOAK_SYNC").asText());
        assertEquals(KeycloakRealmTest.clientSecret(realm, user.path("KAIGI_USER_SERVICE_CLIENT_ID").asText()),
                user.path("KAIGI_USER_SERVICE_CLIENT_SECRET").asText());
    }

    private static JsonNode service(String name) {
        JsonNode s = compose.path(name);
        if (s.isMissingNode()) {
            fail("docker-compose.yml has no service " + name);
        }
        return s;
    }

    static String dbUrlVariable(String service) {
        return "KAIGI_" + service.replace("-service", "").toUpperCase() + "_DB_URL";
    }
}
