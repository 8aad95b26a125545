package dev.kaigi.testsupport;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.ConfigProvider;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What every Kaigi service must do once wired: be healthy with its database and broker, serve its
 * OpenAPI and metrics, read the caller from a token and refuse requests without one. Each service
 * runs it by extending it in a {@code @QuarkusTest}.
 */
public abstract class ServiceWiringContract {

    @Test
    void isReadyWithItsDatabase() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
    }

    @Test
    @DisplayName("Wellness: Kafka and the token issuer are wellness checks, never readiness: their outage does not "
            + "take the service out of its load balancer")
    void reportsKafkaAndTheTokenIssuerAsWellnessNotReadiness() {
        given().get("/q/health/ready").then()
                .body("checks.name", not(hasItem("kafka")))
                .body("checks.name", not(hasItem("oidc-issuer")));
        given().get("/q/health/well").then()
                .body("checks.name", hasItems("kafka", "oidc-issuer"));
    }

    @Test
    void servesItsOpenApiDocument() {
        given().accept("application/json").get("/q/openapi").then()
                .statusCode(200)
                .body("openapi", containsString("3."))
                .body("paths.'/api/v1/caller'.get.responses.'401'.description", equalTo("No valid token"));
    }

    /**
     * The API contract frontends generate clients from is committed as {@code openapi/openapi.yaml};
     * a change to the served document must be a visible change to that file.
     */
    @Test
    void servedOpenApiEqualsTheCommittedDocument() throws IOException {
        String served = given().queryParam("format", "yaml").get("/q/openapi").then().statusCode(200).extract().asString();
        Path committed = Path.of("openapi", "openapi.yaml");
        if (Boolean.getBoolean("kaigi.openapi.write")) {
            Files.createDirectories(committed.getParent());
            Files.writeString(committed, served);
        }
        String expected = Files.exists(committed) ? Files.readString(committed) : "(missing " + committed.toAbsolutePath() + ")";
        assertEquals(expected, served, "The served OpenAPI document differs from " + committed
                + ". If the change is intended, run: ./mvnw -B -ntp verify -pl <service> -am -Dkaigi.openapi.write=true"
                + " and commit the file.");
    }

    @Test
    void servesPrometheusMetrics() {
        given().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("kaigi_outbox"));
    }

    @Test
    void readsTheCallerFromTheToken() {
        UUID org = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        given().auth().oauth2(TestTokens.user(org, user, "manager")).get("/api/v1/caller").then()
                .statusCode(200)
                .body("orgId", equalTo(org.toString()))
                .body("userId", equalTo(user.toString()))
                .body("roles", hasItem("manager"));
    }

    @Test
    void refusesRequestsWithoutAValidToken() {
        given().get("/api/v1/caller").then()
                .statusCode(401).contentType("application/problem+json").body("code", equalTo("unauthenticated"));
        given().auth().oauth2(TestTokens.expired(UUID.randomUUID(), UUID.randomUUID(), "owner")).get("/api/v1/caller")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.tampered(UUID.randomUUID(), UUID.randomUUID())).get("/api/v1/caller")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void answersUnknownPathsWithProblemJson() {
        given().auth().oauth2(TestTokens.user(UUID.randomUUID(), UUID.randomUUID(), "owner"))
                .get("/api/v1/no-such-resource").then()
                .statusCode(404).contentType("application/problem+json").body("code", equalTo("not-found"));
    }

    /**
     * In production no browser origin may call the API (CORS off) and the Swagger UI is
     * not served. Read from the production profile of the service's own configuration; the preflight
     * below proves the running service sends no CORS grant either.
     */
    @Test
    void corsAndSwaggerUiAreOffInProduction() throws IOException {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().withProfile("prod").addDefaultSources();
        for (java.net.URL file : java.util.Collections.list(getClass().getClassLoader().getResources("application.properties"))) {
            builder.withSources(new PropertiesConfigSource(file, 250));
        }
        SmallRyeConfig prod = builder.build();
        assertEquals(false, prod.getOptionalValue("quarkus.http.cors", Boolean.class).orElse(false), "quarkus.http.cors in prod");
        assertEquals(false, prod.getOptionalValue("quarkus.http.cors.enabled", Boolean.class).orElse(false),
                "quarkus.http.cors.enabled in prod");
        assertEquals(false, prod.getOptionalValue("quarkus.swagger-ui.always-include", Boolean.class).orElse(false),
                "quarkus.swagger-ui.always-include (the UI would be built into the production jar)");
        given().header("Origin", "https://attacker.example").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/caller").then().header("Access-Control-Allow-Origin", nullValue());
    }

    /** A body over the service's limit (10 MB unless configured) is refused with 413 problem+json. */
    @Test
    void refusesBodiesOverTheSizeLimit() {
        long limit = ConfigProvider.getConfig().getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .map(MemorySize::asLongValue).orElse(10240L * 1024);
        byte[] body = new byte[Math.toIntExact(limit + 1)];
        given().auth().oauth2(TestTokens.user(UUID.randomUUID(), UUID.randomUUID(), "owner")).contentType("application/json")
                .body(body).post("/api/v1/caller").then()
                .statusCode(413).contentType("application/problem+json").body("code", equalTo("payload-too-large"));
    }
}
