package dev.kaigi.user;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.kaigi.user.UserFixtures.newOrganization;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

/** Every administrative change is in the audit log with who, when, what, before and after; OWNERs read it. */
@QuarkusTest
class AuditLogTest {

    @Test
    @DisplayName("administrative changes are logged newest first with before/after, filterable by target")
    void changesAreLogged() {
        UserFixtures.Org org = newOrganization();
        UUID member = org.addActive("MEMBER", "REGULAR");
        String etag = org.asSuperAdmin().get("/api/v1/users/" + member).then().extract().header("ETag");
        org.asSuperAdmin().header("If-Match", etag).body("{\"lastName\":\"Sato\",\"firstName\":\"Hana\",\"role\":\"MANAGER\"}")
                .put("/api/v1/users/" + member).then().statusCode(200);
        org.asSuperAdmin().post("/api/v1/users/" + member + "/deactivate").then().statusCode(200);

        org.asSuperAdmin().queryParam("targetUserId", member).get("/api/v1/audit-events").then()
                .statusCode(200).body("totalItems", equalTo(3))
                .body("items.action", hasItems("USER_ADDED", "PROFILE_UPDATED", "USER_DEACTIVATED"))
                .body("items[0].action", equalTo("USER_DEACTIVATED"))
                .body("items[0].actorUserId", equalTo(org.superAdmin().toString()))
                .body("items[0].before.status", equalTo("ACTIVE"))
                .body("items[0].after.status", equalTo("DEACTIVATED"))
                .body("items[1].before.role", equalTo("MEMBER"))
                .body("items[1].after.role", equalTo("MANAGER"));
        org.asSuperAdmin().queryParam("action", "ORGANIZATION_CREATED").get("/api/v1/audit-events").then()
                .body("items", hasSize(1)).body("items[0].after.name", equalTo("Acme"));
    }

    @Test
    @DisplayName("only OWNERs read the log, and only their own organization's")
    void onlyOwnersOfTheOrganization() {
        UserFixtures.Org org = newOrganization();
        UUID manager = org.addActive("MANAGER", "REGULAR");
        org.as(manager, "manager").get("/api/v1/audit-events").then().statusCode(403);
        UserFixtures.Org other = newOrganization();
        other.asSuperAdmin().queryParam("targetUserId", manager).get("/api/v1/audit-events").then()
                .statusCode(200).body("totalItems", equalTo(0));
        org.asSuperAdmin().queryParam("action", "NOT_AN_ACTION").get("/api/v1/audit-events").then()
                .statusCode(400).body("errors[0].field", equalTo("action"));
    }
}
