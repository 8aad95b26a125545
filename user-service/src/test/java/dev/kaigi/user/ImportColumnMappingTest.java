package dev.kaigi.user;

import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.MultiPartSpecBuilder;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static dev.kaigi.user.UserFixtures.newOrganization;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** BLK-06: an upload's own column names mapped to profile fields, sent with it or saved per organization. */
@QuarkusTest
class ImportColumnMappingTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static RequestSpecification owner(UserFixtures.Org org) {
        return given().auth().oauth2(TestTokens.user(org.id(), org.superAdmin(), "owner", "super_admin"));
    }

    private static Response upload(UserFixtures.Org org, String csv, String mapping) {
        RequestSpecification request = owner(org).multiPart("file", "users.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv");
        if (mapping != null) { // as a browser's form sends a text field: UTF-8
            request.multiPart(new MultiPartSpecBuilder(mapping).controlName("mapping").mimeType("text/plain")
                    .charset(StandardCharsets.UTF_8).build());
        }
        return request.post("/api/v1/user-imports");
    }

    private static JsonPath finished(UserFixtures.Org org, Response accepted) {
        accepted.then().statusCode(202);
        String id = accepted.jsonPath().getString("id");
        Await.until("import " + id + " to finish", () -> "COMPLETED".equals(
                owner(org).get("/api/v1/user-imports/" + id).then().statusCode(200).extract().path("status")), WAIT);
        return owner(org).get("/api/v1/user-imports/" + id).then().extract().jsonPath();
    }

    private static String outsider() {
        return "m-" + UUID.randomUUID().toString().substring(0, 8) + "@outside.example";
    }

    private static JsonPath user(UserFixtures.Org org, String email) {
        return org.asSuperAdmin().queryParam("q", email).get("/api/v1/users").then().statusCode(200).extract().jsonPath();
    }

    @Test
    @DisplayName("BLK-06: a mapping sent with the upload names the file's own columns; unmapped ones keep the built-in names; null ignores one")
    void uploadMapping() {
        UserFixtures.Org org = newOrganization();
        org.regularSeats(10);
        String email = outsider();
        JsonPath done = finished(org, upload(org, """
                Mail,Surname,名,Notes
                %s,Kato,Aoi,called twice
                """.formatted(email), "{\"Mail\":\"email\",\"surname\":\"lastName\",\"Notes\":null}"));
        assertEquals(1, done.getInt("added"));
        JsonPath added = user(org, email);
        assertEquals("Kato", added.getString("items[0].lastName"));
        assertEquals("Aoi", added.getString("items[0].firstName"));
    }

    @Test
    @DisplayName("BLK-06: an OWNER saves a mapping for the organization; uploads use it, an upload's own mapping wins column by column")
    void savedMapping() {
        UserFixtures.Org org = newOrganization();
        org.regularSeats(10);
        owner(org).get("/api/v1/user-imports/column-mapping").then().statusCode(200).body("columns.size()", equalTo(0));
        String etag = owner(org).contentType("application/json")
                .body("{\"columns\":{\"メール\":\"email\",\"氏\":\"lastName\",\"電話\":\"phone\"}}")
                .put("/api/v1/user-imports/column-mapping").then().statusCode(200)
                .body("columns.メール", equalTo("email")).extract().header("ETag");
        owner(org).queryParam("action", "IMPORT_COLUMN_MAPPING_SAVED").get("/api/v1/audit-events").then().statusCode(200)
                .body("items[0].after.columns.氏", equalTo("lastName"));

        String first = outsider();
        finished(org, upload(org, "メール,氏,電話\n%s,佐藤,03-1234-5678\n".formatted(first), null));
        assertEquals("佐藤", user(org, first).getString("items[0].lastName"));
        assertEquals("03-1234-5678", user(org, first).getString("items[0].phone"));

        String second = outsider();
        finished(org, upload(org, "メール,氏,電話\n%s,鈴木,not a phone\n".formatted(second), "{\"電話\":null}"));
        assertEquals("鈴木", user(org, second).getString("items[0].lastName"));
        assertEquals(null, user(org, second).getString("items[0].phone"));

        owner(org).header("If-Match", "\"99\"").delete("/api/v1/user-imports/column-mapping").then().statusCode(412);
        owner(org).header("If-Match", etag).delete("/api/v1/user-imports/column-mapping").then().statusCode(204);
        upload(org, "メール,氏\n%s,佐藤\n".formatted(outsider()), null).then().statusCode(400)
                .body("code", equalTo("csv-unknown-column"));
    }

    @Test
    @DisplayName("BLK-06: wrong mappings are refused before any row is imported, naming the column and the reason")
    void wrongMappingsAreRefused() {
        UserFixtures.Org org = newOrganization();
        org.regularSeats(10);
        String csv = "Mail,Surname,Given\n%s,Kato,Aoi\n".formatted(outsider());
        upload(org, csv, "{\"Mail\":\"email\",\"Surname\":\"lastName\",\"Given\":\"nickname\"}").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("mapping.Given")).body("errors[0].code", equalTo("unknown-profile-field"));
        upload(org, csv, "{\"Mail\":\"email\",\"Surname\":\"lastName\",\"Given\":\"lastName\"}").then().statusCode(400)
                .body("errors[0].field", equalTo("mapping.Given")).body("errors[0].code", equalTo("field-mapped-twice"));
        upload(org, csv, "{\"Mail\":\"email\",\"Given\":\"firstName\"}").then().statusCode(400) // Surname is no field
                .body("code", equalTo("csv-unknown-column"));
        upload(org, csv, "{\"Mail\":\"email\",\"Surname\":null,\"Given\":\"firstName\"}").then().statusCode(400)
                .body("code", equalTo("csv-missing-column"));
        upload(org, csv, "{\"Mail\":\"email\",\"Surname\":\"lastName\",\"Given\":\"firstName\",\"Phone\":\"phone\"}")
                .then().statusCode(400).body("errors[0].field", equalTo("mapping.Phone"))
                .body("errors[0].code", equalTo("column-not-in-file"));
        upload(org, csv, "{\"Mail\":[\"email\"]}").then().statusCode(400).body("errors[0].field", equalTo("mapping"));
        upload(org, csv, "[".repeat(5000)).then().statusCode(400).body("errors[0].field", equalTo("mapping"));
        owner(org).header("Accept-Language", "ja").contentType("application/json")
                .body("{\"columns\":{\"A\":\"email\",\"B\":\"email\"}}")
                .put("/api/v1/user-imports/column-mapping").then().statusCode(400)
                .body("errors.field", hasItem("columns.B"));
        owner(org).get("/api/v1/user-imports").then().body("totalItems", equalTo(0));
        owner(org).get("/api/v1/user-imports/column-mapping").then().body("columns.size()", equalTo(0));
    }
}
