package dev.kaigi.user;

import dev.kaigi.events.EventTypes;
import dev.kaigi.events.Topics;
import dev.kaigi.testsupport.EventProbe;
import dev.kaigi.testsupport.ReceivedEvent;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static dev.kaigi.user.UserFixtures.newOrganization;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** BLK-05 (profile part): apply chosen fields from one user to others, OWNER only, names never. */
@QuarkusTest
class ApplyToOthersTest {

    private static void profile(UserFixtures.Org org, UUID user, String json) {
        String etag = org.asSuperAdmin().get("/api/v1/users/" + user).then().extract().header("ETag");
        org.asSuperAdmin().header("If-Match", etag).body(json).put("/api/v1/users/" + user).then().statusCode(200);
    }

    @Test
    @DisplayName("BLK-05: chosen fields are copied to every target in one operation; names and unchosen fields are not")
    void appliesChosenFields() {
        UserFixtures.Org org = newOrganization();
        UUID source = org.addActive("MANAGER", "REGULAR");
        UUID a = org.addActive("MEMBER", "REGULAR");
        UUID b = org.addActive("MEMBER", "REGULAR");
        profile(org, source, """
                {"lastName":"Source","firstName":"Sam","contact":"sales@acme.example","emailSignature":"Acme\\nSales",
                 "slackMemberId":"U0SOURCE1"}""");
        String request = """
                {"fields":["CONTACT","EMAIL_SIGNATURE","ROLE"],"targetUserIds":["%s","%s"],"dryRun":%s}""";

        org.asSuperAdmin().body(request.formatted(a, b, true)).post("/api/v1/users/" + source + "/apply-to-others").then()
                .statusCode(200).body("applied", equalTo(false)).body("targets", hasSize(2))
                .body("targets[0].changes.contact.to", equalTo("sales@acme.example"))
                .body("targets[0].changes.role.from", equalTo("MEMBER"))
                .body("targets[0].changes.role.to", equalTo("MANAGER"));
        org.asSuperAdmin().get("/api/v1/users/" + a).then().body("contact", equalTo(null)).body("role", equalTo("MEMBER"));

        try (EventProbe events = EventProbe.open(Topics.USER)) {
            org.asSuperAdmin().body(request.formatted(a, b, false)).post("/api/v1/users/" + source + "/apply-to-others").then()
                    .statusCode(200).body("applied", equalTo(true));
            ReceivedEvent updated = events.await(EventTypes.USER_UPDATED, b.toString(), Duration.ofSeconds(30));
            assertEquals("MANAGER", updated.data().get("role").asText());
        }
        for (UUID target : new UUID[] {a, b}) {
            org.asSuperAdmin().get("/api/v1/users/" + target).then()
                    .body("contact", equalTo("sales@acme.example")).body("emailSignature", equalTo("Acme\nSales"))
                    .body("role", equalTo("MANAGER"))
                    .body("lastName", equalTo("Sato")).body("slackMemberId", equalTo(null));
        }
    }

    @Test
    @DisplayName("BLK-05: only OWNERs apply; names cannot be chosen; no targets changes nothing")
    void refusals() {
        UserFixtures.Org org = newOrganization();
        UUID manager = org.addActive("MANAGER", "REGULAR");
        UUID target = org.addActive("MEMBER", "REGULAR");
        org.as(manager, "manager").body("{\"fields\":[\"CONTACT\"],\"targetUserIds\":[\"" + target + "\"]}")
                .post("/api/v1/users/" + manager + "/apply-to-others").then().statusCode(403);
        org.asSuperAdmin().body("{\"fields\":[\"LAST_NAME\"],\"targetUserIds\":[\"" + target + "\"]}")
                .post("/api/v1/users/" + manager + "/apply-to-others").then().statusCode(400).body("errors[0].field", equalTo("fields[0]"));
        org.asSuperAdmin().body("{\"fields\":[\"CONTACT\"],\"targetUserIds\":[]}")
                .post("/api/v1/users/" + manager + "/apply-to-others").then().statusCode(200).body("targets", hasSize(0));
        org.asSuperAdmin().body("{\"fields\":[\"CONTACT\"],\"targetUserIds\":[\"" + UUID.randomUUID() + "\"]}")
                .post("/api/v1/users/" + manager + "/apply-to-others").then().statusCode(400)
                .body("errors[0].field", equalTo("targetUserIds"));
        org.asSuperAdmin().body("{\"fields\":[\"ROLE\"],\"targetUserIds\":[\"" + org.superAdmin() + "\"]}")
                .post("/api/v1/users/" + manager + "/apply-to-others").then().statusCode(409)
                .body("code", equalTo("super-admin-transfer-required"));
    }
}
