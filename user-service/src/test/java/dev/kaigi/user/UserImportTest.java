package dev.kaigi.user;

import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.kaigi.user.UserFixtures.newOrganization;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV import of users through the real service, licensing-service and broker (BLK-01…04). */
@QuarkusTest
class UserImportTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Charset SJIS = Charset.forName("windows-31j");

    private static RequestSpecification owner(UserFixtures.Org org) {
        return given().auth().oauth2(TestTokens.user(org.id(), org.superAdmin(), "owner", "super_admin"));
    }

    private static Response upload(UserFixtures.Org org, byte[] csv, Map<String, String> options) {
        RequestSpecification request = owner(org).multiPart("file", "users.csv", csv, "text/csv");
        options.forEach(request::multiPart);
        return request.post("/api/v1/user-imports");
    }

    /** Uploads and waits until the import has finished; returns it. */
    private static JsonPath imported(UserFixtures.Org org, String csv, Map<String, String> options) {
        Response accepted = upload(org, csv.getBytes(StandardCharsets.UTF_8), options);
        accepted.then().statusCode(202).header("Location", containsString("/api/v1/user-imports/"));
        return finished(org, accepted.jsonPath().getString("id"));
    }

    private static JsonPath finished(UserFixtures.Org org, String id) {
        Await.until("import " + id + " to finish", () -> {
            String status = owner(org).get("/api/v1/user-imports/" + id).then().statusCode(200).extract().path("status");
            return "COMPLETED".equals(status) || "FAILED".equals(status);
        }, WAIT);
        return owner(org).get("/api/v1/user-imports/" + id).then().extract().jsonPath();
    }

    private static JsonPath issues(UserFixtures.Org org, String id, String language) {
        return owner(org).header("Accept-Language", language).get("/api/v1/user-imports/" + id + "/issues")
                .then().statusCode(200).extract().jsonPath();
    }

    /**
     * Posts a multipart file of {@code size} bytes with a Content-Length, as a browser uploading a
     * file does (rest-assured would stream it chunked).
     */
    private static HttpResponse<String> uploadWithLength(UserFixtures.Org org, int size) {
        String boundary = "kaigi" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nemail,lastName\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) 'a');
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(tail, 0, body, size - tail.length, tail.length);
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/user-imports"))
                            .header("Authorization", "Bearer " + TestTokens.user(org.id(), org.superAdmin(), "owner"))
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("the upload was not answered", e);
        }
    }

    private static String outsider(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@outside.example";
    }

    @Test
    @DisplayName("BLK-01: an import adds users, takes their seats and announces them; same-domain users join at once (INV-04)")
    void importAddsUsers() {
        UserFixtures.Org org = newOrganization();
        org.regularSeats(10);
        String colleague = "yui-" + UUID.randomUUID().toString().substring(0, 6) + "@" + org.domain();
        String guest = outsider("ken");
        try (EventProbe events = EventProbe.open(Topics.USER)) {
            JsonPath done = imported(org, """
                    email,lastName,firstName,role,slackMemberId,emailSignature
                    %s,高橋,結衣,MANAGER,U024BE7LH,"高橋 結衣
                    営業部"
                    %s,田中,健,,,
                    """.formatted(colleague, guest), Map.of());
            assertEquals("COMPLETED", done.getString("status"));
            assertEquals(2, done.getInt("totalRows"));
            assertEquals(2, done.getInt("added"));
            assertEquals(0, done.getInt("skipped") + done.getInt("failed"));
            String joined = org.asSuperAdmin().queryParam("q", colleague).get("/api/v1/users").then().extract().path("items[0].id");
            String invited = org.asSuperAdmin().queryParam("q", guest).get("/api/v1/users").then().extract().path("items[0].id");
            events.await(EventTypes.USER_JOINED, joined, WAIT);
            assertEquals(guest, events.await(EventTypes.USER_INVITED, invited, WAIT).data().get("email").asText());
        }
        JsonPath users = org.asSuperAdmin().queryParam("q", "高橋").get("/api/v1/users").then().extract().jsonPath();
        assertEquals("ACTIVE", users.getString("items[0].status"));
        assertEquals("MANAGER", users.getString("items[0].role"));
        assertEquals("高橋 結衣\n営業部", users.getString("items[0].emailSignature"));
        org.asSuperAdmin().queryParam("q", "田中").get("/api/v1/users").then()
                .body("items[0].status", equalTo("INVITED")).body("items[0].role", equalTo("MEMBER"));
        assertEquals(3, org.assignedSeats("REGULAR"));
    }

    @Test
    @DisplayName("BLK-01/BLK-02/LIC-04: rows past the last free seat are skipped with no-seat-left; bad rows fail with row and reason")
    void seatsRunOutMidImport() {
        UserFixtures.Org org = newOrganization();
        org.regularSeats(3); // the super admin holds one: 2 left
        String csv = "email,lastName,role\n"
                + outsider("a") + ",A,MEMBER\n"      // row 2: added
                + "not-an-email,B,MEMBER\n"          // row 3: fails
                + outsider("c") + ",C,BOSS\n"        // row 4: fails
                + outsider("d") + ",,MEMBER\n"       // row 5: fails (last name required)
                + outsider("e") + ",E,MEMBER\n"      // row 6: added, last seat
                + outsider("f") + ",F,MEMBER\n"      // row 7: skipped, no seat
                + outsider("g") + ",G,MEMBER\n";     // row 8: skipped, no seat
        JsonPath done = imported(org, csv, Map.of());
        assertEquals(2, done.getInt("added"));
        assertEquals(2, done.getInt("skipped"));
        assertEquals(3, done.getInt("failed"));
        JsonPath rows = issues(org, done.getString("id"), "en");
        assertEquals(List.of(3, 4, 5, 7, 8), rows.getList("items.row"));
        assertEquals(List.of("email", "invalid-value", "required", "no-seat-left", "no-seat-left"), rows.getList("items.reason"));
        assertEquals(List.of("email", "role", "lastName"), rows.getList("items.findAll { it.outcome == 'FAILED' }.field"));
        assertEquals("Skipped: no seat of this licence type is left.", rows.getString("items[3].message"));
        assertEquals("スキップ: このライセンス種別の空きがありません。", issues(org, done.getString("id"), "ja").getString("items[3].message"));
        assertEquals(3, org.assignedSeats("REGULAR"));
        org.asSuperAdmin().get("/api/v1/users").then().body("totalItems", equalTo(3));
    }

    @Test
    @DisplayName("BLK-01: duplicates by email are skipped when asked, and fail otherwise; repeats within the file too")
    void duplicatesByEmail() {
        UserFixtures.Org org = newOrganization();
        org.regularSeats(10);
        UUID existing = org.addInvited("MEMBER");
        String existingEmail = org.asSuperAdmin().get("/api/v1/users/" + existing).then().extract().path("email");
        String fresh = outsider("new");
        String csv = "email,lastName\n" + existingEmail.toUpperCase() + ",Dup\n" + fresh + ",New\n" + fresh + ",Again\n";

        JsonPath skipping = imported(org, csv, Map.of("skipDuplicatesBy", "EMAIL"));
        assertEquals(1, skipping.getInt("added"));
        assertEquals(2, skipping.getInt("skipped"));
        assertEquals(List.of("duplicate", "duplicate"), issues(org, skipping.getString("id"), "en").getList("items.reason"));

        JsonPath strict = imported(org, "email,lastName\n" + existingEmail + ",Dup\n", Map.of());
        assertEquals(1, strict.getInt("failed"));
        assertEquals("email-taken", issues(org, strict.getString("id"), "en").getString("items[0].reason"));
    }

    @Test
    @DisplayName("BLK-01: duplicates by user ID are skipped; ORG-05: another organization's address fails")
    void duplicatesByUserIdAndOtherOrganizations() {
        UserFixtures.Org org = newOrganization();
        org.regularSeats(10);
        UUID existing = org.addInvited("MEMBER");
        UserFixtures.Org other = newOrganization();
        String theirs = "ceo@" + other.domain();
        String csv = "userId,email,lastName\n" + existing + "," + outsider("x") + ",X\n," + theirs + ",Theirs\n";
        JsonPath done = imported(org, csv, Map.of("skipDuplicatesBy", "USER_ID"));
        assertEquals(0, done.getInt("added"));
        JsonPath rows = issues(org, done.getString("id"), "en");
        assertEquals(List.of("duplicate", "email-taken"), rows.getList("items.reason"));
    }

    @Test
    @DisplayName("BLK-01/BLK-03, USR-08: upsert updates regular users (user-updated carries the contact), never team users, "
            + "and adds the rest")
    void upsert() {
        UserFixtures.Org org = newOrganization();
        org.regularSeats(10);
        UUID regular = org.addActive("MEMBER", "REGULAR");
        String regularEmail = org.asSuperAdmin().get("/api/v1/users/" + regular).then().extract().path("email");
        org.licensingAsOwner().body("{\"plan\":\"STANDARD\"}").put("/api/v1/subscription/plan").then().statusCode(200);
        org.licensingAsOwner().body("{\"enabled\":true}").put("/api/v1/subscription/team-licences").then().statusCode(200);
        org.licensingAsOwner().body("{\"pool\":\"TEAM\",\"quantity\":2}").post("/api/v1/subscription/seats").then().statusCode(200);
        UUID team = org.addActive("MEMBER", "TEAM");
        String teamEmail = org.asSuperAdmin().get("/api/v1/users/" + team).then().extract().path("email");
        String newTeamUser = outsider("t");

        String csv = "email,lastName,contact,role,userType\n"
                + regularEmail + ",,sales@acme.example,MANAGER,\n"  // row 2: updated; empty last name kept
                + teamEmail + ",Team,x@acme.example,,\n"            // row 3: skipped (BLK-03)
                + newTeamUser + ",New,,,TEAM\n"                     // row 4: added as team user (BLK-03)
                + "ceo@" + org.domain() + ",,,MEMBER,\n";           // row 5: the super admin stays OWNER
        try (EventProbe events = EventProbe.open(Topics.USER)) {
            JsonPath done = imported(org, csv, Map.of("mode", "UPSERT"));
            assertEquals(1, done.getInt("updated"));
            assertEquals(1, done.getInt("added"));
            JsonPath rows = issues(org, done.getString("id"), "en");
            assertEquals(List.of(3, 5), rows.getList("items.row"));
            assertEquals(List.of("team-user-not-updatable", "super-admin-transfer-required"), rows.getList("items.reason"));
            // USR-08: the contact travels with the profile, for the services that show it to leads
            assertEquals("sales@acme.example",
                    events.await(EventTypes.USER_UPDATED, regular.toString(), WAIT).data().get("contact").asText());
        }
        org.asSuperAdmin().get("/api/v1/users/" + regular).then()
                .body("contact", equalTo("sales@acme.example")).body("role", equalTo("MANAGER")).body("lastName", equalTo("Sato"));
        org.asSuperAdmin().get("/api/v1/users/" + team).then().body("lastName", equalTo("Sato"));
        org.asSuperAdmin().queryParam("q", newTeamUser).get("/api/v1/users").then()
                .body("items[0].userType", equalTo("TEAM")).body("items[0].permissionProfileId", equalTo(org.teamProfile().toString()));
        assertEquals(2, org.assignedSeats("TEAM"));
    }

    @Test
    @DisplayName("USR-06: a team-user row as OWNER or MANAGER fails naming the role column and the rule; the other rows import")
    void teamUserRowsAreNeverAdministrators() {
        UserFixtures.Org org = newOrganization();
        org.regularSeats(10);
        org.teamSeats(3);
        JsonPath done = imported(org, "email,lastName,role,userType\n" + outsider("a") + ",A,MANAGER,TEAM\n"
                + outsider("b") + ",B,OWNER,TEAM\n" + outsider("c") + ",C,MEMBER,TEAM\n", Map.of());
        assertEquals(1, done.getInt("added"));
        JsonPath rows = issues(org, done.getString("id"), "en");
        assertEquals(List.of(2, 3), rows.getList("items.row"));
        assertEquals(List.of("team-user-admin", "team-user-admin"), rows.getList("items.reason"));
        assertEquals(List.of("role", "role"), rows.getList("items.field"));
        assertTrue(rows.getString("items[0].message").contains("USR-06"), rows.getString("items[0].message"));
        assertEquals(1, org.assignedSeats("TEAM"));
    }

    @Test
    @DisplayName("BLK-03: team-user rows are skipped while team licences are off; regular rows still import")
    void teamRowsWithoutTeamLicences() {
        UserFixtures.Org org = newOrganization();
        org.regularSeats(10);
        org.licensingAsOwner().body("{\"plan\":\"STANDARD\"}").put("/api/v1/subscription/plan").then().statusCode(200);
        JsonPath done = imported(org, "email,lastName,userType\n" + outsider("t") + ",T,TEAM\n" + outsider("r") + ",R,REGULAR\n", Map.of());
        assertEquals(1, done.getInt("added"));
        assertEquals("team-licences-disabled", issues(org, done.getString("id"), "en").getString("items[0].reason"));
    }

    @Test
    @DisplayName("BLK-04: a Shift_JIS file with CRLF and quoted line breaks imports over HTTP")
    void shiftJisUpload() {
        UserFixtures.Org org = newOrganization();
        org.regularSeats(10);
        String email = outsider("sjis");
        String csv = "メールアドレス,姓,名,メール署名\r\n" + email + ",佐藤,花子,\"株式会社アクメ\r\n佐藤 花子\"\r\n";
        Response accepted = upload(org, csv.getBytes(SJIS), Map.of("locale", "en"));
        accepted.then().statusCode(202).body("encoding", equalTo("Shift_JIS"));
        assertEquals(1, finished(org, accepted.jsonPath().getString("id")).getInt("added"));
        org.asSuperAdmin().queryParam("q", email).get("/api/v1/users").then()
                .body("items[0].lastName", equalTo("佐藤")).body("items[0].emailSignature", equalTo("株式会社アクメ\n佐藤 花子"));
    }

    @Test
    @DisplayName("BLK-04: a malformed file is refused whole with its row, in the caller's language, and nothing is recorded")
    void malformedFileRefused() {
        UserFixtures.Org org = newOrganization();
        byte[] broken = ("email,lastName\n" + outsider("a") + ",A\n" + outsider("b") + ",\"B\n").getBytes(StandardCharsets.UTF_8);
        upload(org, broken, Map.of()).then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("csv-unclosed-quote"))
                .body("errors[0].field", equalTo("file"))
                .body("detail", startsWith("Row 3:"));
        owner(org).header("Accept-Language", "ja").multiPart("file", "u.csv", "email,lastName\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/v1/user-imports").then().statusCode(400).body("code", equalTo("csv-no-rows"))
                .body("title", equalTo("ユーザーがありません"));
        upload(org, "email,name\na@b.example,x\n".getBytes(StandardCharsets.UTF_8), Map.of()).then().statusCode(400)
                .body("code", equalTo("csv-unknown-column")).body("errors[0].message", containsString("\"name\""));
        // SEC-03: PostgreSQL cannot store U+0000; the file is refused before anything is stored, naming row and column
        upload(org, ("email,lastName\n" + outsider("c") + ",C\u0000\n").getBytes(StandardCharsets.UTF_8), Map.of()).then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("code", equalTo("csv-control-character"))
                .body("detail", startsWith("Row 2, column \"lastName\""));
        owner(org).get("/api/v1/user-imports").then().statusCode(200).body("totalItems", equalTo(0));
        org.asSuperAdmin().get("/api/v1/users").then().body("totalItems", equalTo(1));
    }

    @Test
    @DisplayName("BLK-04: bad options and a missing file are 400 naming the field; a 50 MB file is refused with 413")
    void badRequests() {
        UserFixtures.Org org = newOrganization();
        byte[] csv = ("email,lastName\n" + outsider("a") + ",A\n").getBytes(StandardCharsets.UTF_8);
        upload(org, csv, Map.of("mode", "MERGE")).then().statusCode(400).contentType(startsWith("application/problem+json"));
        upload(org, csv, Map.of("locale", "fr")).then().statusCode(400).body("errors[0].field", containsString("locale"));
        owner(org).multiPart("mode", "ADD").post("/api/v1/user-imports").then().statusCode(400).body("errors[0].field", equalTo("file"));
        HttpResponse<String> tooLarge = uploadWithLength(org, 50 * 1024 * 1024);
        assertEquals(413, tooLarge.statusCode());
        assertEquals("application/problem+json", tooLarge.headers().firstValue("Content-Type").orElse(""));
        assertTrue(tooLarge.body().contains("\"code\":\"payload-too-large\""), tooLarge.body());
        owner(org).get("/api/v1/user-imports").then().body("totalItems", equalTo(0));
    }

    @Test
    @DisplayName("BLK-01: only OWNERs import; another organization's import is 404; no token is 401")
    void whoMayImport() {
        UserFixtures.Org org = newOrganization();
        org.regularSeats(10);
        String id = imported(org, "email,lastName\n" + outsider("a") + ",A\n", Map.of()).getString("id");
        UUID member = org.addActive("MEMBER", "REGULAR");
        given().auth().oauth2(TestTokens.user(org.id(), member, "member")).multiPart("file", "u.csv", "email,lastName\na@b.example,A\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/user-imports").then().statusCode(403);
        given().auth().oauth2(TestTokens.user(org.id(), member, "member")).get("/api/v1/user-imports/" + id).then().statusCode(403);
        UserFixtures.Org other = newOrganization();
        owner(other).get("/api/v1/user-imports/" + id).then().statusCode(404);
        owner(other).get("/api/v1/user-imports/" + id + "/issues").then().statusCode(404);
        given().get("/api/v1/user-imports/" + id).then().statusCode(401);
        owner(org).get("/api/v1/user-imports").then().body("items[0].id", equalTo(id)).body("items[0].fileName", equalTo("users.csv"));
    }
}
