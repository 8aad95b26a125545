package dev.kaigi.user;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static dev.kaigi.user.UserFixtures.newOrganization;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Idempotency-Key on user-service's create requests: a retry answers the first result and creates nothing more. */
@QuarkusTest
class IdempotencyKeyTest {

    @Test
    @DisplayName("INV-01 with Idempotency-Key: a retried add answers the first user and takes one seat; another body under the key is 422")
    void retriedAddCreatesOneUser() {
        UserFixtures.Org org = newOrganization();
        String key = "add-" + UUID.randomUUID();
        String email = "retry-" + UUID.randomUUID().toString().substring(0, 8) + "@outside.example";
        String body = """
                {"email":"%s","lastName":"Retry","role":"MEMBER","permissionProfileId":"%s"}""".formatted(email, org.standardProfile());
        Response first = org.asSuperAdmin().header("Idempotency-Key", key).body(body).post("/api/v1/users");
        first.then().statusCode(201);
        assertNull(first.header("Idempotent-Replayed"));
        Response retry = org.asSuperAdmin().header("Idempotency-Key", key).body(body).post("/api/v1/users");
        retry.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.jsonPath().getString("id"), retry.jsonPath().getString("id"));
        assertEquals(first.header("Location"), retry.header("Location"));
        org.asSuperAdmin().queryParam("q", email).get("/api/v1/users").then().statusCode(200).body("totalItems", equalTo(1));
        org.asSuperAdmin().header("Idempotency-Key", key).body(body.replace("Retry", "Other")).post("/api/v1/users")
                .then().statusCode(422).body("code", equalTo("idempotency-key-reused"));
    }

    @Test
    @DisplayName("USR-01 teams with Idempotency-Key: a retried create answers the first team")
    void retriedTeamCreation() {
        UserFixtures.Org org = newOrganization();
        String key = "team-" + UUID.randomUUID();
        Response first = org.asSuperAdmin().header("Idempotency-Key", key).body("{\"name\":\"Sales\"}").post("/api/v1/teams");
        first.then().statusCode(201);
        Response retry = org.asSuperAdmin().header("Idempotency-Key", key).body("{\"name\":\"Sales\"}").post("/api/v1/teams");
        retry.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.jsonPath().getString("id"), retry.jsonPath().getString("id"));
        org.asSuperAdmin().get("/api/v1/teams").then().body("items.size()", equalTo(1));
    }

    @Test
    @DisplayName("BLK-01 with Idempotency-Key: a retried upload answers the first import and imports once")
    void retriedUploadImportsOnce() {
        UserFixtures.Org org = newOrganization();
        String key = "upload-" + UUID.randomUUID();
        byte[] csv = ("email,lastName\nimported-" + UUID.randomUUID().toString().substring(0, 8) + "@outside.example,Once\n")
                .getBytes(StandardCharsets.UTF_8);
        Response first = org.asSuperAdmin().contentType("multipart/form-data").header("Idempotency-Key", key)
                .multiPart("file", "users.csv", csv, "text/csv").post("/api/v1/user-imports");
        first.then().statusCode(202);
        Response retry = org.asSuperAdmin().contentType("multipart/form-data").header("Idempotency-Key", key)
                .multiPart("file", "users.csv", csv, "text/csv").post("/api/v1/user-imports");
        retry.then().statusCode(202).header("Idempotent-Replayed", "true");
        assertEquals(first.jsonPath().getString("id"), retry.jsonPath().getString("id"));
        org.asSuperAdmin().get("/api/v1/user-imports").then().statusCode(200).body("totalItems", equalTo(1));
    }
}
