package dev.kaigi.user;

import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.UserResource;
import dev.kaigi.testsupport.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.HttpHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import static dev.kaigi.user.UserFixtures.newOrganization;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The UnboundID SCIM 2 SDK client (a third-party SCIM client, as an identity provider would be)
 * drives {@code /scim/v2} of the running service: create, filter, PATCH active=false, group
 * membership, delete. Its JAX-RS implementation is the Quarkus REST client already on the classpath.
 */
@QuarkusTest
class ScimClientTest {

    @TestHTTPResource("/scim/v2")
    URI scimBase;

    private Client client;

    private ScimService scim(UserFixtures.Org org) {
        String token = TestTokens.partner(org.id(), "scim");
        client = ClientBuilder.newClient().register((jakarta.ws.rs.client.ClientRequestFilter) request ->
                request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token));
        return new ScimService(client.target(scimBase));
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    private static UserResource user(String email) {
        return new UserResource().setUserName(email)
                .setName(new Name().setFamilyName("Sato").setGivenName("Hana"))
                .setEmails(List.of(new Email().setValue(email).setType("work").setPrimary(true)))
                .setActive(true);
    }

    @Test
    @DisplayName("RFC 7644 §3.3, §3.4.2, §3.5.2, §3.6 with a third-party client: create, filter, PATCH active=false (LIF-01), delete (LIF-03)")
    void userLifecycle() throws ScimException {
        var org = newOrganization();
        ScimService scim = scim(org);
        String email = "sdk-" + UUID.randomUUID().toString().substring(0, 8) + "@" + org.domain();

        UserResource created = scim.create("Users", user(email));
        assertEquals(email, created.getUserName());
        assertTrue(created.getActive());
        assertEquals("User", created.getMeta().getResourceType());

        ListResponse<UserResource> found = scim.searchRequest("Users").filter("userName eq \"" + email.toUpperCase() + "\"")
                .invoke(UserResource.class);
        assertEquals(1, found.getTotalResults());
        assertEquals(created.getId(), found.getResources().get(0).getId());

        UserResource deactivated = scim.modifyRequest("Users", created.getId()).replaceValue("active", false)
                .invoke(UserResource.class);
        assertFalse(deactivated.getActive());
        org.asSuperAdmin().get("/api/v1/users/" + created.getId()).then().body("status", equalTo("DEACTIVATED"));

        scim.delete("Users", created.getId());
        ScimException gone = assertThrows(ScimException.class, () -> scim.retrieve("Users", created.getId(), UserResource.class));
        assertEquals(404, gone.getScimError().getStatus());
        org.asSuperAdmin().get("/api/v1/users/" + created.getId()).then().statusCode(404);
    }

    @Test
    @DisplayName("ORG-04 / ORG-05 with a third-party client: the super admin's deactivation and a taken address come back as SCIM errors")
    void rulesComeBackAsScimErrors() throws ScimException {
        var org = newOrganization();
        ScimService scim = scim(org);
        ScimException superAdmin = assertThrows(ScimException.class, () -> scim.modifyRequest("Users", org.superAdmin().toString())
                .replaceValue("active", false).invoke(UserResource.class));
        assertEquals(409, superAdmin.getScimError().getStatus());
        assertTrue(superAdmin.getScimError().getDetail().contains("super admin"), superAdmin.getScimError().getDetail());

        String email = "dup-" + UUID.randomUUID().toString().substring(0, 8) + "@outside.example";
        scim.create("Users", user(email));
        ScimException taken = assertThrows(ScimException.class, () -> scim.create("Users", user(email)));
        assertEquals(409, taken.getScimError().getStatus());
        assertEquals("uniqueness", taken.getScimError().getScimType());
    }

    @Test
    @DisplayName("RFC 7644 §3.5.2 with a third-party client: a group (team, USR-01) is created with a member, gains and loses members by PATCH, and is deleted")
    void groupMembership() throws ScimException {
        var org = newOrganization();
        ScimService scim = scim(org);
        UserResource a = scim.create("Users", user("ga-" + UUID.randomUUID().toString().substring(0, 8) + "@" + org.domain()));
        UserResource b = scim.create("Users", user("gb-" + UUID.randomUUID().toString().substring(0, 8) + "@" + org.domain()));

        GroupResource group = scim.create("Groups", new GroupResource().setDisplayName("Inside sales")
                .setMembers(List.of(new Member().setValue(a.getId()))));
        assertEquals(List.of(a.getId()), group.getMembers().stream().map(Member::getValue).toList());

        GroupResource grown = scim.modifyRequest("Groups", group.getId())
                .addValues("members", new Member().setValue(b.getId())).invoke(GroupResource.class);
        assertEquals(List.of(a.getId(), b.getId()), grown.getMembers().stream().map(Member::getValue).toList());
        org.asSuperAdmin().get("/api/v1/users?team=" + group.getId()).then().body("totalItems", equalTo(2));

        GroupResource shrunk = scim.modifyRequest("Groups", group.getId())
                .removeValues("members[value eq \"" + a.getId() + "\"]").invoke(GroupResource.class);
        assertEquals(List.of(b.getId()), shrunk.getMembers().stream().map(Member::getValue).toList());

        ListResponse<GroupResource> byName = scim.searchRequest("Groups").filter("displayName eq \"inside SALES\"")
                .invoke(GroupResource.class);
        assertEquals(1, byName.getTotalResults());

        scim.delete("Groups", group.getId());
        assertThrows(ScimException.class, () -> scim.retrieve("Groups", group.getId(), GroupResource.class));
        org.asSuperAdmin().get("/api/v1/users/" + b.getId()).then().statusCode(200).body("teamIds.size()", equalTo(0));
    }

    @Test
    @DisplayName("RFC 7644 §4 with a third-party client: ServiceProviderConfig, ResourceTypes and Schemas are readable")
    void discovery() throws ScimException {
        ScimService scim = scim(newOrganization());
        assertTrue(scim.getServiceProviderConfig().getPatch().isSupported());
        assertEquals(2, scim.getResourceTypes().getTotalResults());
        assertEquals(4, scim.getSchemas().getTotalResults());
        assertEquals("User", scim.getSchema("urn:ietf:params:scim:schemas:core:2.0:User").getName());
    }
}
