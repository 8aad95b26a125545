package dev.kaigi.chassis;

import dev.kaigi.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Every kind of failure answers RFC 9457 problem+json, in English or Japanese, naming the fields and nothing internal. */
@QuarkusTest
class ProblemJsonTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID USER = UUID.randomUUID();
    private static final String PROBLEM = "application/problem+json";

    private static RequestSpecification member(String language) {
        return given().auth().oauth2(TestTokens.user(ORG, USER, "member")).header("Accept-Language", language);
    }

    @Test
    void missingTokenIs401ProblemWithBearerChallenge() {
        given().get("/api/v1/caller").then()
                .statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", "Bearer")
                .body("code", equalTo("unauthenticated"))
                .body("type", equalTo("https://kaigi.dev/problems/unauthenticated"))
                .body("status", equalTo(401))
                .body("instance", equalTo("/api/v1/caller"));
    }

    @Test
    void expiredTokenIs401() {
        given().auth().oauth2(TestTokens.expired(ORG, USER, "owner")).get("/api/v1/caller").then()
                .statusCode(401).contentType(PROBLEM).body("code", equalTo("unauthenticated"));
    }

    @Test
    void tamperedTokenIs401() {
        given().auth().oauth2(TestTokens.tampered(ORG, USER)).get("/api/v1/probe/owners-only").then()
                .statusCode(401).contentType(PROBLEM).body("code", equalTo("unauthenticated"));
    }

    @Test
    void garbageTokenIs401() {
        given().auth().oauth2("not.a.jwt").get("/api/v1/caller").then()
                .statusCode(401).contentType(PROBLEM);
    }

    @Test
    void callerIsReadFromTheToken() {
        given().auth().oauth2(TestTokens.user(ORG, USER, "owner", "super_admin")).get("/api/v1/caller").then()
                .statusCode(200)
                .body("orgId", equalTo(ORG.toString()))
                .body("userId", equalTo(USER.toString()))
                .body("roles", hasItems("owner", "super_admin"));
        given().auth().oauth2(TestTokens.partner(ORG, "users:read", "users:write")).get("/api/v1/caller").then()
                .statusCode(200)
                .body("orgId", equalTo(ORG.toString()))
                .body("userId", equalTo(null))
                .body("scopes", hasItems("users:read", "users:write"));
    }

    @Test
    void wrongRoleIs403InBothLanguages() {
        member("en").get("/api/v1/probe/owners-only").then()
                .statusCode(403).contentType(PROBLEM)
                .header("Content-Language", "en")
                .body("code", equalTo("forbidden"))
                .body("title", equalTo("Forbidden"));
        member("ja-JP,ja;q=0.9,en;q=0.8").get("/api/v1/probe/owners-only").then()
                .statusCode(403).contentType(PROBLEM)
                .header("Content-Language", "ja")
                .body("title", equalTo("権限がありません"));
        given().auth().oauth2(TestTokens.user(ORG, USER, "owner")).get("/api/v1/probe/owners-only").then()
                .statusCode(200);
    }

    @Test
    void validationNamesEachFieldWithAReason() {
        member("en").contentType(ContentType.JSON)
                .body("{\"email\":\"not-an-email\",\"items\":[{\"name\":\"\",\"quantity\":0}]}")
                .post("/api/v1/probe/orders").then()
                .statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors.field", hasItems("email", "items[0].name", "items[0].quantity"))
                .body("errors.find { it.field == 'email' }.code", equalTo("email"))
                .body("errors.find { it.field == 'items[0].name' }.code", equalTo("required"))
                .body("errors.find { it.field == 'items[0].quantity' }.code", equalTo("range"))
                .body("errors.message", not(hasItems((String) null)));
    }

    @Test
    void validationMessagesAreJapaneseWhenAsked() {
        member("ja").contentType(ContentType.JSON)
                .body("{\"email\":\"a@b.example\",\"items\":[]}")
                .post("/api/v1/probe/orders").then()
                .statusCode(400)
                .body("title", equalTo("リクエストが不正です"))
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("items"))
                .body("errors[0].message", containsString("1"));
    }

    @Test
    void missingBodyIsAValidationProblem() {
        member("en").contentType(ContentType.JSON).post("/api/v1/probe/orders").then()
                .statusCode(400).contentType(PROBLEM);
    }

    @Test
    void malformedJsonIs400() {
        member("en").contentType(ContentType.JSON).body("{\"email\": ").post("/api/v1/probe/orders").then()
                .statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("malformed-json"))
                .body("detail", not(containsString("Exception")));
        member("ja").contentType(ContentType.JSON).body("[1,2").post("/api/v1/probe/orders").then()
                .statusCode(400).body("title", equalTo("JSON の形式が不正です"));
    }

    @Test
    void unknownPropertyIsRefusedByName() {
        member("en").contentType(ContentType.JSON)
                .body("{\"email\":\"a@b.example\",\"items\":[{\"name\":\"x\",\"quantity\":1}],\"role\":\"owner\"}")
                .post("/api/v1/probe/orders").then()
                .statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors[0].field", equalTo("role"))
                .body("errors[0].code", equalTo("unknown-property"))
                .body("errors[0].message", equalTo("Unknown property."));
    }

    @Test
    void wrongTypesAndBadEnumsAndDatesNameTheField() {
        member("en").contentType(ContentType.JSON)
                .body("{\"email\":\"a@b.example\",\"items\":[{\"name\":\"x\",\"quantity\":\"many\"}]}")
                .post("/api/v1/probe/orders").then()
                .statusCode(400).body("errors[0].field", equalTo("items[0].quantity"))
                .body("errors[0].code", equalTo("invalid-value"));
        member("en").contentType(ContentType.JSON)
                .body("{\"email\":\"a@b.example\",\"items\":[{\"name\":\"x\",\"quantity\":1}],\"colour\":\"GREEN\"}")
                .post("/api/v1/probe/orders").then()
                .statusCode(400).body("errors[0].field", equalTo("colour"));
        member("ja").contentType(ContentType.JSON)
                .body("{\"email\":\"a@b.example\",\"items\":[{\"name\":\"x\",\"quantity\":1}],\"deliverOn\":\"2026-02-30\"}")
                .post("/api/v1/probe/orders").then()
                .statusCode(400).body("errors[0].field", equalTo("deliverOn"))
                .body("errors[0].message", equalTo("値または型が不正です。"));
    }

    @Test
    void wrongContentTypeIs415() {
        member("en").contentType(ContentType.TEXT).body("hello").post("/api/v1/probe/orders").then()
                .statusCode(415).contentType(PROBLEM).body("code", equalTo("unsupported-media-type"));
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() {
        member("en").get("/api/v1/probe/nothing-here").then()
                .statusCode(404).contentType(PROBLEM).body("code", equalTo("not-found"));
        member("en").delete("/api/v1/probe/orders").then()
                .statusCode(405).contentType(PROBLEM).body("code", equalTo("method-not-allowed"));
    }

    @Test
    void serviceProblemsKeepTheirCode() {
        member("en").get("/api/v1/probe/conflict").then()
                .statusCode(409).contentType(PROBLEM).body("code", equalTo("conflict"));
    }

    @Test
    @DisplayName("an unexpected failure is a 500 that names nothing internal")
    void unexpectedFailureHidesInternals() {
        member("en").get("/api/v1/probe/failure").then()
                .statusCode(500).contentType(PROBLEM)
                .body("code", equalTo("internal-error"))
                .body("detail", allOf(notNullValue(), not(containsString("secret")),
                        not(containsString("IllegalStateException"))))
                .body(not(containsString("at dev.kaigi")));
    }

    @Test
    @DisplayName("A request whose database connection was cut is a 503 with Retry-After, not a 500")
    void databaseOutageIsServiceUnavailable() {
        member("en").get("/api/v1/probe/connection-cut").then()
                .statusCode(503).contentType(PROBLEM).header("Retry-After", "1")
                .body("code", equalTo("service-unavailable"))
                .body(not(containsString("administrator command")));
    }

    @Test
    @DisplayName("a bad enum, UUID or number in a query parameter is a 400 naming the parameter, not a 404")
    void badQueryParametersAreNamed() {
        member("en").queryParam("colour", "GREEN").get("/api/v1/probe/numbers").then()
                .statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors[0].field", equalTo("colour"))
                .body("errors[0].code", equalTo("invalid-value"));
        member("ja").queryParam("owner", "not-a-uuid").get("/api/v1/probe/numbers").then()
                .statusCode(400).body("errors[0].field", equalTo("owner")).body("errors[0].message", equalTo("値または型が不正です。"));
        member("en").queryParam("colour", "RED").get("/api/v1/probe/numbers").then().statusCode(200);
        member("en").queryParam("colour", "").get("/api/v1/probe/numbers").then().statusCode(200); // no filter
        for (String[] bad : new String[][]{{"page", "abc"}, {"size", "1.5"}, {"page", "99999999999999999999"},
                {"size", "0x10"}}) {
            member("en").queryParam(bad[0], bad[1]).get("/api/v1/probe/numbers").then()
                    .statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo(bad[0]))
                    .body("errors[0].code", equalTo("invalid-value"));
        }
    }

    @Test
    void pagingHasAHardMaximum() {
        member("en").queryParam("size", 201).get("/api/v1/probe/numbers").then()
                .statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("size"))
                .body("errors[0].code", equalTo("range"));
        member("en").queryParam("page", 2).queryParam("size", 50).get("/api/v1/probe/numbers").then()
                .statusCode(200)
                .body("items", hasSize(20))
                .body("items[0]", equalTo(100))
                .body("totalItems", equalTo(120))
                .body("totalPages", equalTo(3));
    }
}
