package dev.kaigi.user;

import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static dev.kaigi.user.UserFixtures.newOrganization;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** USR-01 teams and the USR-03 team filter. */
@QuarkusTest
class TeamsTest {

    private static String team(UserFixtures.Org org, String name) {
        return org.asSuperAdmin().body("{\"name\":\"" + name + "\"}").post("/api/v1/teams")
                .then().statusCode(201).extract().path("id");
    }

    /** Sets the user's teams as the super admin, keeping everything else. */
    private static Response setTeams(UserFixtures.Org org, UUID user, List<String> teamIds) {
        return setTeamsAs(org, org.asSuperAdmin(), user, teamIds);
    }

    private static Response setTeamsAs(UserFixtures.Org org, io.restassured.specification.RequestSpecification editor, UUID user, List<String> teamIds) {
        Response current = org.asSuperAdmin().get("/api/v1/users/" + user);
        String ids = String.join(",", teamIds.stream().map(t -> "\"" + t + "\"").toList());
        return editor.header("If-Match", current.header("ETag"))
                .body("{\"lastName\":\"" + current.path("lastName") + "\",\"firstName\":\"" + current.path("firstName") + "\",\"teamIds\":[" + ids + "]}")
                .put("/api/v1/users/" + user);
    }

    @Test
    @DisplayName("USR-01/USR-03: OWNERs make teams, put users in them, and the list filters by team")
    void teamsAndFilter() {
        UserFixtures.Org org = newOrganization();
        org.regularSeats(5);
        String sales = team(org, "Inside sales");
        String support = team(org, "Support");
        UUID hana = org.addActive("MEMBER", "REGULAR");
        UUID ken = org.addActive("MEMBER", "REGULAR");
        setTeams(org, hana, List.of(sales, support)).then().statusCode(200).body("teamIds", containsInAnyOrder(sales, support));
        setTeams(org, ken, List.of(support)).then().statusCode(200);

        org.asSuperAdmin().queryParam("team", sales).get("/api/v1/users").then()
                .body("totalItems", equalTo(1)).body("items[0].id", equalTo(hana.toString()));
        org.asSuperAdmin().queryParam("team", support).get("/api/v1/users").then().body("totalItems", equalTo(2));
        org.as(ken, "member").get("/api/v1/teams").then().statusCode(200).body("items.name", contains("Inside sales", "Support"));

        org.asSuperAdmin().delete("/api/v1/teams/" + sales).then().statusCode(204);
        org.asSuperAdmin().get("/api/v1/users/" + hana).then().body("teamIds", contains(support));
        org.asSuperAdmin().queryParam("team", sales).get("/api/v1/users").then().body("totalItems", equalTo(0));
    }

    @Test
    @DisplayName("USR-02: only OWNERs change team membership or teams; names are unique ignoring case")
    void rights() {
        UserFixtures.Org org = newOrganization();
        org.regularSeats(5);
        String sales = team(org, "Sales");
        UUID member = org.addActive("MEMBER", "REGULAR");
        setTeamsAs(org, org.as(member, "member"), member, List.of(sales)).then().statusCode(403)
                .body("errors[0].field", equalTo("teamIds"));
        org.as(member, "member").body("{\"name\":\"Mine\"}").post("/api/v1/teams").then().statusCode(403);
        org.asSuperAdmin().body("{\"name\":\" sales \"}").post("/api/v1/teams").then().statusCode(409)
                .body("code", equalTo("team-name-taken"));
        org.asSuperAdmin().body("{\"name\":\"\"}").post("/api/v1/teams").then().statusCode(400).body("errors[0].field", equalTo("name"));

        Response read = org.asSuperAdmin().get("/api/v1/teams/" + sales);
        org.asSuperAdmin().body("{\"name\":\"Field sales\"}").put("/api/v1/teams/" + sales).then().statusCode(428);
        org.asSuperAdmin().header("If-Match", read.header("ETag")).body("{\"name\":\"Field sales\"}").put("/api/v1/teams/" + sales)
                .then().statusCode(200).body("name", equalTo("Field sales"));
        org.asSuperAdmin().header("If-Match", read.header("ETag")).body("{\"name\":\"Again\"}").put("/api/v1/teams/" + sales)
                .then().statusCode(412);
        org.as(member, "member").delete("/api/v1/teams/" + sales).then().statusCode(403);
    }

    @Test
    @DisplayName("ORG-01: another organization's team is 404 and cannot be joined")
    void otherOrganizations() {
        UserFixtures.Org org = newOrganization();
        UserFixtures.Org other = newOrganization();
        String theirs = team(other, "Theirs");
        org.asSuperAdmin().get("/api/v1/teams/" + theirs).then().statusCode(404);
        org.asSuperAdmin().delete("/api/v1/teams/" + theirs).then().statusCode(404);
        setTeams(org, org.superAdmin(), List.of(theirs)).then().statusCode(400)
                .body("errors[0].field", equalTo("teamIds")).body("errors[0].code", equalTo("unknown-reference"));
        org.asSuperAdmin().queryParam("team", theirs).get("/api/v1/users").then().statusCode(200).body("items", empty());
    }

    @Test
    @DisplayName("BLK-01: an import puts users in the teams it names; an unknown team fails the row")
    void importWithTeams() {
        UserFixtures.Org org = newOrganization();
        org.regularSeats(5);
        String sales = team(org, "Sales");
        String support = team(org, "サポート");
        String a = "a-" + UUID.randomUUID().toString().substring(0, 8) + "@" + org.domain();
        String b = "b-" + UUID.randomUUID().toString().substring(0, 8) + "@" + org.domain();
        String csv = "email,lastName,teams\n" + a + ",A,sales；サポート\n" + b + ",B,Marketing\n";
        String id = given().auth().oauth2(TestTokens.user(org.id(), org.superAdmin(), "owner"))
                .multiPart("file", "t.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/api/v1/user-imports").then().statusCode(202).extract().path("id");
        Await.until("the import to finish", () -> "COMPLETED".equals(org.asSuperAdmin().get("/api/v1/user-imports/" + id).path("status")),
                Duration.ofSeconds(60));
        org.asSuperAdmin().get("/api/v1/user-imports/" + id + "/issues").then()
                .body("items[0].row", equalTo(3)).body("items[0].field", equalTo("teams")).body("items[0].reason", equalTo("unknown-reference"));
        org.asSuperAdmin().queryParam("team", support).get("/api/v1/users").then()
                .body("items.email", hasItem(a)).body("items[0].teamIds", containsInAnyOrder(sales, support));
    }
}
