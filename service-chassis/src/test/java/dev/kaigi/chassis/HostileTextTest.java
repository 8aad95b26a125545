package dev.kaigi.chassis;

import dev.kaigi.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SEC-03 in the chassis: whatever the bytes, a request gets a 4xx problem naming what is wrong, and
 * nothing reaches the database. SEC-01: only Kaigi's access tokens open an endpoint.
 */
@QuarkusTest
class HostileTextTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final UUID USER = UUID.randomUUID();
    private static final String PROBLEM = "application/problem+json";

    @Inject
    AgroalDataSource db;

    private static RequestSpecification owner(String language) {
        return given().auth().oauth2(TestTokens.user(ORG, USER, "owner")).header("Accept-Language", language);
    }

    @Test
    @DisplayName("SEC-03: U+0000 in a JSON string is a 400 naming the field, and PostgreSQL never sees it")
    void nulInJsonIsRefusedBeforeTheDatabase() throws SQLException {
        long before = notes();
        owner("en").contentType(ContentType.JSON).body("{\"text\":\"a\\u0000b\",\"refuse\":false}")
                .post("/api/v1/probe/notes").then()
                .statusCode(400).contentType(PROBLEM)
                .body("code", equalTo("validation-failed"))
                .body("errors[0].field", equalTo("text"))
                .body("errors[0].code", equalTo("control-character"));
        owner("ja").contentType(ContentType.JSON)
                .body("{\"email\":\"a@b.example\",\"items\":[{\"name\":\"x\",\"quantity\":1},{\"name\":\"bell\\u0007\",\"quantity\":1}]}")
                .post("/api/v1/probe/orders").then()
                .statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("items[1].name"))
                .body("errors[0].message", containsString("制御文字"));
        owner("en").contentType(ContentType.JSON).body("{\"text\":\"x\",\"refuse\":false,\"ke\\u0000y\":1}")
                .post("/api/v1/probe/notes").then()
                .statusCode(400).body("errors[0].field", equalTo("ke\uFFFDy"));
        assertEquals(before, notes(), "no note was stored");
    }

    @Test
    @DisplayName("SEC-03: tab, CR and LF are text where a value may span lines")
    void lineBreaksAreTextInMultiLineValues() {
        owner("en").contentType(ContentType.JSON).body("{\"text\":\"line one\\r\\n\\tline two\",\"refuse\":false}")
                .post("/api/v1/probe/notes").then()
                .statusCode(201).body("text", equalTo("line one\r\n\tline two"));
    }

    @Test
    @DisplayName("SEC-03: a single-line value (a subject) holds no line break, so it can never add a mail header")
    void singleLineValuesRefuseLineBreaks() {
        for (String subject : new String[] {"Hello\\r\\nBcc: x@evil.example", "Hello\\nworld", "tab\\there", "sep\\u2028arator"}) {
            owner("en").contentType(ContentType.JSON).body("{\"subject\":\"" + subject + "\",\"text\":\"fine\\nhere\"}")
                    .post("/api/v1/probe/messages").then()
                    .statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo("subject"))
                    .body("errors[0].code", equalTo("single-line"))
                    .body("errors[0].message", equalTo("Must be one line: no line break or control character."));
        }
        owner("ja").contentType(ContentType.JSON).body("{\"subject\":\"a\\nb\"}").post("/api/v1/probe/messages").then()
                .statusCode(400).body("errors[0].message", containsString("1 行"));
        owner("en").contentType(ContentType.JSON).body("{\"subject\":\"Hello 山田さん\",\"text\":\"two\\nlines\"}")
                .post("/api/v1/probe/messages").then().statusCode(200).body("subject", equalTo("Hello 山田さん"));
    }

    @Test
    @DisplayName("SEC-03: a query parameter with a control character is a 400 naming it, known to the endpoint or not")
    void controlCharactersInQueryParameters() {
        owner("en").urlEncodingEnabled(false).get("/api/v1/probe/numbers?colour=RED%00").then()
                .statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("colour"))
                .body("errors[0].code", equalTo("control-character"));
        owner("en").urlEncodingEnabled(false).get("/api/v1/probe/numbers?q=a%00b").then()
                .statusCode(400).body("errors[0].field", equalTo("q"));
        owner("en").urlEncodingEnabled(false).get("/api/v1/probe/numbers?q=a%0D%0Ab").then()
                .statusCode(400).body("errors[0].field", equalTo("q"));
        owner("en").urlEncodingEnabled(false).get("/api/v1/probe/numbers?q=%E5%B1%B1%E7%94%B0").then().statusCode(200);
    }

    @Test
    @DisplayName("SEC-03: JSON nested 1,000 levels deep, or past the explicit limit, is a 400 problem, not a 500")
    void deepNesting() {
        for (int depth : new int[] {33, 1_000, 20_000}) {
            // as bytes: rest-assured would pretty-print a string body for its log, recursively
            owner("en").contentType(ContentType.JSON).body(utf8("[".repeat(depth) + "]".repeat(depth))).post("/api/v1/probe/orders").then()
                    .statusCode(400).contentType(PROBLEM).body("code", equalTo("json-too-deep"));
            owner("en").contentType(ContentType.JSON).body(utf8("{\"email\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth + 1)))
                    .post("/api/v1/probe/orders").then()
                    .statusCode(400).contentType(PROBLEM).body("code", equalTo("json-too-deep"));
        }
    }

    @Test
    @DisplayName("SEC-03: numbers past 64 bits, and longer than any Kaigi number, are 400 problems")
    void hugeNumbers() {
        owner("en").contentType(ContentType.JSON)
                .body("{\"email\":\"a@b.example\",\"items\":[{\"name\":\"x\",\"quantity\":9223372036854775808}]}")
                .post("/api/v1/probe/orders").then().statusCode(400).contentType(PROBLEM);
        owner("en").contentType(ContentType.JSON)
                .body(utf8("{\"email\":\"a@b.example\",\"items\":[{\"name\":\"x\",\"quantity\":" + "9".repeat(5_000) + "}]}"))
                .post("/api/v1/probe/orders").then().statusCode(400).contentType(PROBLEM).body("code", equalTo("json-too-deep"));
    }

    @Test
    @DisplayName("SEC-03: invalid UTF-8 and Shift_JIS bytes sent as UTF-8 are 400 problems")
    void wrongEncodings() throws SQLException {
        long before = notes();
        byte[] sjis = "{\"text\":\"山田\",\"refuse\":false}".getBytes(java.nio.charset.Charset.forName("Shift_JIS"));
        byte[] invalid = "{\"text\":\"a\u00ffb\",\"refuse\":false}".getBytes(StandardCharsets.ISO_8859_1);
        for (byte[] body : new byte[][] {sjis, invalid}) {
            owner("en").contentType("application/json; charset=UTF-8").body(body).post("/api/v1/probe/notes").then()
                    .statusCode(400).contentType(PROBLEM).body("detail", not(containsString("Exception")));
        }
        assertEquals(before, notes());
    }

    @Test
    @DisplayName("SEC-01: an ID token, a token for another audience and one without an audience get 401; the access token passes")
    void onlyKaigiAccessTokens() {
        given().auth().oauth2(TestTokens.idToken(ORG, USER, "owner")).get("/api/v1/probe/owners-only").then()
                .statusCode(401).contentType(PROBLEM).body("code", equalTo("unauthenticated"));
        given().auth().oauth2(TestTokens.foreignAudience(ORG, USER, "owner")).get("/api/v1/probe/owners-only").then()
                .statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.idToken(ORG, USER, "owner")).get("/api/v1/caller").then().statusCode(401);
        given().auth().oauth2(TestTokens.user(ORG, USER, "owner")).get("/api/v1/probe/owners-only").then().statusCode(200);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private long notes() throws SQLException {
        try (var c = db.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("select count(*) from note")) {
            r.next();
            return r.getLong(1);
        }
    }
}
