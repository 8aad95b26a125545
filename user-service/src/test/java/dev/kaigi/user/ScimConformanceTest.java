package dev.kaigi.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.messages.PatchOpType;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.messages.SortOrder;
import com.unboundid.scim2.common.types.AttributeDefinition;
import com.unboundid.scim2.common.types.SchemaResource;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static dev.kaigi.user.UserFixtures.newOrganization;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue items 7–12 as identity providers meet them, driven by a third-party SCIM client (the
 * UnboundID SCIM 2 SDK) and judged by RFC 7643/7644: the status codes and {@code scimType} values of
 * RFC 7644 §3.12, the PATCH rules of §3.5.2, the search of §3.4.3, and resources that conform to the
 * schemas the service itself publishes (RFC 7643 §2, §7, checked by {@link ScimSchemaCheck}).
 */
@QuarkusTest
class ScimConformanceTest {

    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String KAIGI = "urn:kaigi:params:scim:schemas:extension:kaigi:2.0:User";
    static final String SCIM = "application/scim+json";
    /** RFC 7644 §3.12, Table 9: the only scimType values an error may carry. */
    static final Set<String> SCIM_TYPES = Set.of("invalidFilter", "tooMany", "uniqueness", "mutability", "invalidSyntax",
            "invalidPath", "noTarget", "invalidValue", "invalidVers", "sensitive");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/scim/v2")
    URI scimBase;

    private final List<Client> clients = new ArrayList<>();

    private ScimService scim(UserFixtures.Org org) {
        String token = TestTokens.partner(org.id(), "scim");
        Client client = ClientBuilder.newClient().register((ClientRequestFilter) request ->
                request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token));
        clients.add(client);
        return new ScimService(client.target(scimBase));
    }

    @AfterEach
    void close() {
        clients.forEach(Client::close);
        clients.clear();
    }

    private static String email(String domain) {
        return "c" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
    }

    /** A user as a generic resource: userName, name, and {@code extra} attributes on top. */
    private static GenericScimResource user(String email, ObjectNode extra) {
        ObjectNode o = JSON.objectNode();
        o.putArray("schemas").add(USER).add(ENTERPRISE).add(KAIGI);
        o.put("userName", email);
        o.putObject("name").put("familyName", "Sato").put("givenName", "Hana");
        o.putArray("emails").addObject().put("value", email).put("type", "work").put("primary", true);
        if (extra != null) {
            o.setAll(extra);
        }
        return new GenericScimResource(o);
    }

    private static GenericScimResource create(ScimService scim, String email, ObjectNode extra) throws ScimException {
        return scim.create("Users", user(email, extra));
    }

    private static GenericScimResource get(ScimService scim, String id) throws ScimException {
        return scim.retrieve("Users", id, GenericScimResource.class);
    }

    /** The call is refused with an error that RFC 7644 §3.12 allows: this status, this scimType (one of Table 9). */
    private static ScimException refused(int status, String scimType, Executable call) {
        ScimException e = assertThrows(ScimException.class, call);
        assertEquals(status, e.getScimError().getStatus(), e::getMessage);
        assertTrue(SCIM_TYPES.contains(e.getScimError().getScimType()), () -> "scimType of RFC 7644 Table 9: " + e.getScimError().getScimType());
        assertEquals(scimType, e.getScimError().getScimType(), e::getMessage);
        assertNotNull(e.getScimError().getDetail(), "an error says what is wrong");
        return e;
    }

    private static JsonNode at(GenericScimResource r, String... keys) {
        JsonNode node = r.getObjectNode();
        for (String k : keys) {
            node = node.path(k);
        }
        return node;
    }

    // ---- PATCH with an extension schema URN as its path ----

    @Test
    @DisplayName("RFC 7644 §3.5.2.1, §3.5.2.3: a PATCH whose path is an extension's URN takes the extension's attributes as its "
            + "value; attributes not given are kept, a value that is not an object is invalidValue")
    void patchPathIsAnExtensionUrn() throws ScimException {
        var org = newOrganization();
        ScimService scim = scim(org);
        ObjectNode enterprise = JSON.objectNode();
        enterprise.putObject(ENTERPRISE).put("department", "Sales").put("employeeNumber", "E-1");
        String id = create(scim, email(org.domain()), enterprise).getId();

        GenericScimResource replaced = scim.modifyRequest("Users", id)
                .addOperation(PatchOperation.replace(Path.root(ENTERPRISE), JSON.objectNode().put("department", "Support")))
                .invoke(GenericScimResource.class);
        assertEquals("Support", at(replaced, ENTERPRISE, "department").asText());
        assertEquals("E-1", at(replaced, ENTERPRISE, "employeeNumber").asText(), "sub-attributes not given are kept");

        GenericScimResource added = scim.modifyRequest("Users", id)
                .addOperation(PatchOperation.add(Path.root(KAIGI), JSON.objectNode().put("role", "MANAGER")))
                .invoke(GenericScimResource.class);
        assertEquals("MANAGER", at(added, KAIGI, "role").asText());
        assertEquals("Support", at(get(scim, id), ENTERPRISE, "department").asText());
        org.asSuperAdmin().get("/api/v1/users/" + id).then().statusCode(200).body("role", equalTo("MANAGER"));

        refused(400, "invalidValue", () -> scim.modifyRequest("Users", id)
                .addOperation(PatchOperation.replace(Path.root(ENTERPRISE), TextNode.valueOf("Support")))
                .invoke(GenericScimResource.class));
        // the SDK writes the URN with a trailing colon; Okta and Entra ID send it bare
        given().auth().oauth2(TestTokens.partner(org.id(), "scim")).contentType(SCIM).accept(SCIM).body("""
                        {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                         "Operations":[{"op":"replace","path":"%s","value":{"employeeNumber":"E-2"}}]}""".formatted(ENTERPRISE))
                .patch("/scim/v2/Users/" + id).then().statusCode(200)
                .body("'" + ENTERPRISE + "'.employeeNumber", equalTo("E-2")).body("'" + ENTERPRISE + "'.department", equalTo("Support"));

        GenericScimResource removed = scim.modifyRequest("Users", id).removeValues(Path.root(ENTERPRISE))
                .invoke(GenericScimResource.class);
        assertTrue(at(removed, ENTERPRISE, "department").isMissingNode(), "removing the extension removes its attributes");
        assertTrue(at(removed, ENTERPRISE, "employeeNumber").isMissingNode());
        assertEquals("MANAGER", at(removed, KAIGI, "role").asText(), "another extension is untouched");
    }

    // ---- PATCH remove of what cannot be empty ----

    @Test
    @DisplayName("RFC 7644 §3.5.2.2, §3.12: removing what every Kaigi user has (active, role, userType, permissionProfileId) is "
            + "400 invalidValue, and what is set on create only (userName, emails) 400 mutability; never a 200 that changes nothing")
    void removingWhatCannotBeEmptyIsRefused() throws ScimException {
        var org = newOrganization();
        ScimService scim = scim(org);
        String id = create(scim, email(org.domain()), null).getId();
        GenericScimResource before = get(scim, id);
        Map<String, String> refusals = Map.of(
                "active", "invalidValue",
                KAIGI + ":role", "invalidValue",
                KAIGI + ":userType", "invalidValue",
                KAIGI + ":permissionProfileId", "invalidValue",
                "userName", "mutability",
                "emails", "mutability",
                "emails[type eq \"work\"].value", "mutability");
        for (Map.Entry<String, String> r : refusals.entrySet()) {
            refused(400, r.getValue(), () -> scim.modifyRequest("Users", id).removeValues(r.getKey()).invoke(GenericScimResource.class));
        }
        refused(400, "invalidValue", () -> scim.modifyRequest("Users", id).removeValues(Path.root(KAIGI)).invoke(GenericScimResource.class));
        // RFC 7643 §2.5: a null value unassigns as a remove does (the SDK will not send one, so these go as written)
        String nullActive = "{\"op\":\"replace\",\"path\":\"active\",\"value\":null}";
        String nullRole = "{\"op\":\"replace\",\"value\":{\"" + KAIGI + "\":{\"role\":null}}}";
        for (String op : List.of(nullActive, nullRole)) {
            given().auth().oauth2(TestTokens.partner(org.id(), "scim")).contentType(SCIM).accept(SCIM)
                    .body("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[" + op + "]}")
                    .patch("/scim/v2/Users/" + id).then().statusCode(400).body("status", equalTo("400"))
                    .body("scimType", equalTo("invalidValue"));
        }

        GenericScimResource after = get(scim, id);
        assertEquals(before.getObjectNode(), after.getObjectNode(), "a refused PATCH changes nothing");
    }

    // ---- deprovisioning a user who never accepted ----

    @Test
    @DisplayName("LIF-03, INV-01: active=false on an INVITED user (Okta's replace, its path-less form, Entra ID's \"False\", a PUT) "
            + "revokes the invitation as the REST API's remove does: 200 with active false, the user gone (404), the seat released, audited")
    void deprovisioningAnInviteeRevokesTheInvitation() throws ScimException {
        var org = newOrganization();
        ScimService scim = scim(org);
        List<Deprovision> forms = List.of(
                (s, id) -> s.modifyRequest("Users", id).replaceValue("active", false).invoke(GenericScimResource.class),
                (s, id) -> s.modifyRequest("Users", id).addOperation(PatchOperation.replace(JSON.objectNode().put("active", false)))
                        .invoke(GenericScimResource.class),
                (s, id) -> s.modifyRequest("Users", id).replaceValue("active", "False").invoke(GenericScimResource.class),
                (s, id) -> {
                    GenericScimResource whole = get(s, id);
                    whole.getObjectNode().put("active", false);
                    return s.replace(whole);
                });
        for (Deprovision form : forms) {
            GenericScimResource invited = create(scim, email("outside-" + UUID.randomUUID().toString().substring(0, 6) + ".example"), null);
            String id = invited.getId();
            assertEquals("INVITED", at(invited, KAIGI, "status").asText());
            assertEquals(2, org.assignedSeats("REGULAR"));

            GenericScimResource answer = form.apply(scim, id);
            assertEquals(id, answer.getId());
            assertFalse(at(answer, "active").asBoolean(true), "the answer shows the user inactive");

            refused404(scim, id);
            org.asSuperAdmin().get("/api/v1/users/" + id).then().statusCode(404);
            org.asSuperAdmin().queryParam("targetUserId", id).get("/api/v1/audit-events").then().statusCode(200)
                    .body("items.action", hasItem("USER_REMOVED"));
            Await.until("licensing to release the invitee's seat", () -> org.assignedSeats("REGULAR") == 1, WAIT);
        }
    }

    private interface Deprovision {
        GenericScimResource apply(ScimService scim, String id) throws ScimException;
    }

    private static void refused404(ScimService scim, String id) {
        ScimException gone = assertThrows(ScimException.class, () -> get(scim, id));
        assertEquals(404, gone.getScimError().getStatus());
    }

    // ---- the enterprise extension's manager ----

    @Test
    @DisplayName("RFC 7643 §4.3: the enterprise manager is stored: accepted on create, Entra ID's bare-id add and its remove by "
            + "the attribute's URN path answer 200, a manager who is no other user of the organization is invalidValue, /Schemas declares it")
    void managerIsStoredConsistently() throws ScimException {
        var org = newOrganization();
        var other = newOrganization();
        ScimService scim = scim(org);
        String manager = create(scim, email(org.domain()), null).getId();
        ObjectNode withManager = JSON.objectNode();
        withManager.putObject(ENTERPRISE).putObject("manager").put("value", manager);
        GenericScimResource report = create(scim, email(org.domain()), withManager);
        assertEquals(manager, at(report, ENTERPRISE, "manager", "value").asText());
        assertTrue(at(report, ENTERPRISE, "manager", "$ref").asText().endsWith("/Users/" + manager));
        assertEquals(manager, at(get(scim, report.getId()), ENTERPRISE, "manager", "value").asText());
        ListResponse<GenericScimResource> reports = scim.searchRequest("Users")
                .filter(ENTERPRISE + ":manager.value eq \"" + manager + "\"").invoke(GenericScimResource.class);
        assertEquals(List.of(report.getId()), reports.getResources().stream().map(GenericScimResource::getId).toList());

        String second = create(scim, email(org.domain()), null).getId();
        GenericScimResource entraAdd = scim.modifyRequest("Users", second)
                .addOperation(PatchOperation.create(PatchOpType.ADD, ENTERPRISE + ":manager", TextNode.valueOf(manager)))
                .invoke(GenericScimResource.class);
        assertEquals(manager, at(entraAdd, ENTERPRISE, "manager", "value").asText());

        GenericScimResource entraRemove = scim.modifyRequest("Users", second).removeValues(ENTERPRISE + ":manager")
                .invoke(GenericScimResource.class);
        assertTrue(at(entraRemove, ENTERPRISE, "manager").isMissingNode());
        assertTrue(at(get(scim, second), ENTERPRISE, "manager").isMissingNode());

        String foreign = create(scim(other), email(other.domain()), null).getId();
        for (String notAManager : List.of(foreign, UUID.randomUUID().toString(), second, "not-an-id")) {
            refused(400, "invalidValue", () -> scim.modifyRequest("Users", second)
                    .replaceValue(ENTERPRISE + ":manager.value", notAManager).invoke(GenericScimResource.class));
        }

        ScimSchemaCheck schemas = ScimSchemaCheck.read(scim);
        AttributeDefinition declared = schemas.attribute(ENTERPRISE, "manager");
        assertNotNull(declared, "the enterprise schema declares manager");
        assertEquals(AttributeDefinition.Type.COMPLEX, declared.getType());
        assertNotNull(schemas.attribute(ENTERPRISE, "manager.value"));
    }

    // ---- /Schemas tells what a valid user is ----

    @Test
    @DisplayName("RFC 7643 §2.2, §7, INV-05: /Schemas says name and name.familyName are required, and gives the canonical values "
            + "of phoneNumbers.type, emails.type, role, userType and status")
    void schemasSayWhatIsRequiredAndWhichValuesExist() throws ScimException {
        ScimSchemaCheck schemas = ScimSchemaCheck.read(scim(newOrganization()));
        assertTrue(schemas.attribute(USER, "userName").isRequired());
        assertTrue(schemas.attribute(USER, "name").isRequired(), "name holds the required familyName (INV-05)");
        assertTrue(schemas.attribute(USER, "name.familyName").isRequired());
        assertEquals(Set.of("work", "mobile", "fax"), Set.copyOf(schemas.attribute(USER, "phoneNumbers.type").getCanonicalValues()));
        assertEquals(Set.of("work"), Set.copyOf(schemas.attribute(USER, "emails.type").getCanonicalValues()));
        assertEquals(Set.of("OWNER", "MANAGER", "MEMBER", "RESTRICTED"), Set.copyOf(schemas.attribute(KAIGI, "role").getCanonicalValues()));
        assertEquals(Set.of("REGULAR", "TEAM"), Set.copyOf(schemas.attribute(KAIGI, "userType").getCanonicalValues()));
        assertTrue(schemas.attribute(KAIGI, "status").getCanonicalValues().containsAll(Set.of("INVITED", "ACTIVE", "DEACTIVATED")));
        assertEquals(AttributeDefinition.Mutability.IMMUTABLE, schemas.attribute(USER, "userName").getMutability(),
                "userName is set on create only");
    }

    @Test
    @DisplayName("RFC 7643 §2.2: a user made of exactly what /Schemas marks required is created on the first try")
    void whatTheSchemaRequiresIsEnoughToCreate() throws ScimException {
        var org = newOrganization();
        ScimService scim = scim(org);
        SchemaResource schema = ScimSchemaCheck.read(scim).schema(USER);
        ObjectNode user = JSON.objectNode();
        user.putArray("schemas").add(USER);
        for (AttributeDefinition a : schema.getAttributes()) {
            if (a.isRequired()) {
                user.set(a.getName(), requiredValue(a, email(org.domain())));
            }
        }
        GenericScimResource created = scim.create("Users", new GenericScimResource(user));
        assertNotNull(created.getId());
    }

    /** What a client fills in for a required attribute: the address for userName (its description says so), a name otherwise. */
    private static JsonNode requiredValue(AttributeDefinition a, String email) {
        if (a.getType() == AttributeDefinition.Type.COMPLEX) {
            ObjectNode o = JSON.objectNode();
            a.getSubAttributes().stream().filter(AttributeDefinition::isRequired).forEach(s -> o.set(s.getName(), requiredValue(s, email)));
            return o;
        }
        return TextNode.valueOf(a.getName().equals("userName") ? email : "Sato");
    }

    @Test
    @DisplayName("RFC 7643 §3, §7: every User and Group the service returns (get, list, search) conforms to the schemas it "
            + "publishes: no undeclared attribute such as members[].type, declared types and plurality, required present, canonical values")
    void resourcesConformToThePublishedSchemas() throws ScimException {
        var org = newOrganization();
        ScimService scim = scim(org);
        String manager = create(scim, email(org.domain()), null).getId();
        ObjectNode rich = JSON.objectNode();
        rich.put("title", "Engineer").put("externalId", "ext-1");
        rich.putArray("phoneNumbers").add(JSON.objectNode().put("value", "03-1111-2222").put("type", "work"))
                .add(JSON.objectNode().put("value", "090-1111-2222").put("type", "mobile"))
                .add(JSON.objectNode().put("value", "03-1111-3333").put("type", "fax"));
        rich.putObject(ENTERPRISE).put("department", "Sales").put("employeeNumber", "7").putObject("manager").put("value", manager);
        rich.putObject(KAIGI).put("role", "MANAGER");
        GenericScimResource user = create(scim, email(org.domain()), rich);
        ObjectNode group = JSON.objectNode();
        group.putArray("schemas").add(GROUP);
        group.put("displayName", "Conformance " + UUID.randomUUID());
        group.putArray("members").addObject().put("value", user.getId());
        GenericScimResource team = scim.create("Groups", new GenericScimResource(group));

        ScimSchemaCheck schemas = ScimSchemaCheck.read(scim);
        List<String> violations = new ArrayList<>();
        violations.addAll(schemas.violations(get(scim, user.getId()).getObjectNode(), USER));
        violations.addAll(schemas.violations(scim.retrieve("Groups", team.getId(), GenericScimResource.class).getObjectNode(), GROUP));
        for (GenericScimResource r : scim.searchRequest("Users").invoke(GenericScimResource.class).getResources()) {
            violations.addAll(schemas.violations(r.getObjectNode(), USER));
        }
        for (GenericScimResource r : scim.searchRequest("Groups").invoke(GenericScimResource.class).getResources()) {
            violations.addAll(schemas.violations(r.getObjectNode(), GROUP));
        }
        assertEquals(List.of(), violations);
    }

    // ---- searching by POST ----

    @Test
    @DisplayName("RFC 7644 §3.4.3: POST /Users/.search and /Groups/.search answer what GET answers for the same filter, "
            + "paging, sorting and projection")
    void searchWithPostIsTheSameQueryAsGet() throws ScimException {
        var org = newOrganization();
        ScimService scim = scim(org);
        String domain = "search-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        for (String family : List.of("Carol", "Alice", "Bob")) {
            ObjectNode name = JSON.objectNode();
            name.putObject("name").put("familyName", family);
            create(scim, family.toLowerCase() + "@" + domain, name);
        }
        String filter = "userName ew \"@" + domain + "\"";
        ListResponse<GenericScimResource> byGet = scim.searchRequest("Users").filter(filter).page(2, 1)
                .sort("name.familyName", SortOrder.DESCENDING).attributes("userName").invoke(GenericScimResource.class);
        ListResponse<GenericScimResource> byPost = scim.searchRequest("Users").filter(filter).page(2, 1)
                .sort("name.familyName", SortOrder.DESCENDING).attributes("userName").invokePost(GenericScimResource.class);
        assertEquals(3, byPost.getTotalResults());
        assertEquals(2, byPost.getStartIndex());
        assertEquals(1, byPost.getItemsPerPage());
        assertEquals("bob@" + domain, byPost.getResources().get(0).getObjectNode().path("userName").asText());
        assertTrue(byPost.getResources().get(0).getObjectNode().path("name").isMissingNode(), "attributes projects as in a GET");
        assertEquals(byGet.getTotalResults(), byPost.getTotalResults());
        assertEquals(byGet.getResources().stream().map(r -> r.getObjectNode()).toList(),
                byPost.getResources().stream().map(r -> r.getObjectNode()).toList());

        String displayName = "Searchers " + UUID.randomUUID();
        ObjectNode group = JSON.objectNode();
        group.putArray("schemas").add(GROUP);
        group.put("displayName", displayName);
        String groupId = scim.create("Groups", new GenericScimResource(group)).getId();
        ListResponse<GenericScimResource> groups = scim.searchRequest("Groups").filter("displayName eq \"" + displayName + "\"")
                .excludedAttributes("members").invokePost(GenericScimResource.class);
        assertEquals(1, groups.getTotalResults());
        assertEquals(groupId, groups.getResources().get(0).getId());
    }

    @Test
    @DisplayName("RFC 7644 §3.4.3: POST /.search searches Users and Groups together: the filter applies to each type (an attribute "
            + "only one has is unassigned on the other), meta.resourceType picks a type, paging numbers Users then Groups")
    void searchAtTheRootCoversEveryResourceType() throws ScimException {
        var org = newOrganization();
        ScimService scim = scim(org);
        String userId = create(scim, email(org.domain()), null).getId();
        String displayName = "Root " + UUID.randomUUID();
        ObjectNode group = JSON.objectNode();
        group.putArray("schemas").add(GROUP);
        group.put("displayName", displayName);
        String groupId = scim.create("Groups", new GenericScimResource(group)).getId();

        ListResponse<GenericScimResource> all = scim.searchRequest("").invokePost(GenericScimResource.class);
        assertEquals(3, all.getTotalResults(), "the super admin, the user and the group");
        assertEquals(List.of("User", "User", "Group"), all.getResources().stream().map(r -> r.getMeta().getResourceType()).toList());

        ListResponse<GenericScimResource> second = scim.searchRequest("").page(2, 2).invokePost(GenericScimResource.class);
        assertEquals(3, second.getTotalResults());
        assertEquals(List.of(userId, groupId), second.getResources().stream().map(GenericScimResource::getId).toList());

        assertEquals(List.of(groupId), ids(scim.searchRequest("").filter("displayName eq \"" + displayName + "\"")
                .invokePost(GenericScimResource.class)));
        assertEquals(List.of(groupId), ids(scim.searchRequest("").filter("meta.resourceType eq \"Group\"")
                .invokePost(GenericScimResource.class)));
        assertEquals(List.of(userId), ids(scim.searchRequest("").filter("id eq \"" + userId + "\" or id eq \"" + UUID.randomUUID() + "\"")
                .invokePost(GenericScimResource.class)));
        ListResponse<GenericScimResource> projected = scim.searchRequest("").filter("id eq \"" + groupId + "\"")
                .attributes("displayName").invokePost(GenericScimResource.class);
        assertEquals(displayName, projected.getResources().get(0).getObjectNode().path("displayName").asText());
        assertTrue(projected.getResources().get(0).getObjectNode().path("members").isMissingNode());
    }

    private static List<String> ids(ListResponse<GenericScimResource> list) {
        return list.getResources().stream().map(GenericScimResource::getId).toList();
    }

    @Test
    @DisplayName("RFC 7644 §3.4.3, §3.12: a search body that is no SearchRequest is invalidSyntax, a filter no type can answer "
            + "invalidFilter, a sort across types invalidValue")
    void badSearchRequestsAreScimErrors() {
        var org = newOrganization();
        String token = TestTokens.partner(org.id(), "scim");
        String search = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],%s}";
        Map<String, String> refusals = Map.of(
                "{\"filter\":\"userName pr\"}", "invalidSyntax",
                search.formatted("\"filtre\":\"userName pr\""), "invalidSyntax",
                search.formatted("\"count\":\"many\""), "invalidValue",
                search.formatted("\"attributes\":[1]"), "invalidValue",
                search.formatted("\"filter\":\"shoeSize eq 42\""), "invalidFilter",
                search.formatted("\"sortBy\":\"userName\""), "invalidValue");
        for (Map.Entry<String, String> r : refusals.entrySet()) {
            given().auth().oauth2(token).contentType(SCIM).accept(SCIM).body(r.getKey()).post("/scim/v2/.search")
                    .then().statusCode(400).contentType(SCIM)
                    .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:Error"))
                    .body("status", equalTo("400")).body("scimType", equalTo(r.getValue()));
        }
        given().auth().oauth2(token).contentType(SCIM).accept(SCIM).body(search.formatted("\"filter\":\"shoeSize eq 42\""))
                .post("/scim/v2/Users/.search").then().statusCode(400).body("scimType", equalTo("invalidFilter"));
        given().auth().oauth2(token).contentType(SCIM).accept(SCIM).body(search.formatted("\"sortBy\":\"displayName\""))
                .post("/scim/v2/Groups/.search").then().statusCode(200);
    }
}
