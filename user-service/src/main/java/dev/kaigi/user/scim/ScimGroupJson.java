package dev.kaigi.user.scim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kaigi.user.directory.UserAccount;

import java.net.URI;
import java.util.Set;

/** A team as a SCIM Group (RFC 7643 §4.2): displayName is the team's name, members its live users. */
final class ScimGroupJson {

    static final ScimPatch.Shape SHAPE = new ScimPatch.Shape(ScimSchemas.GROUP,
            Set.of("id", "meta", "schemas", "displayname", "externalid", "members", "members.value", "members.display",
                    "members.type", "members.$ref"),
            Set.of("members"),
            Set.of("id", "meta"));

    private ScimGroupJson() {
    }

    static ObjectNode of(ScimGroupService.Group g, URI base) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.putArray("schemas").add(ScimSchemas.GROUP);
        o.put("id", g.team().id.toString());
        if (g.team().externalId != null) {
            o.put("externalId", g.team().externalId);
        }
        o.put("displayName", g.team().name);
        ArrayNode members = o.putArray("members");
        for (UserAccount u : g.members()) {
            ObjectNode m = members.addObject().put("value", u.id.toString())
                    .put("display", u.firstName == null ? u.lastName : u.lastName + " " + u.firstName).put("type", "User");
            if (base != null) {
                m.put("$ref", base + "/Users/" + u.id);
            }
        }
        if (base != null) {
            o.putObject("meta").put("resourceType", "Group")
                    .put("created", g.team().createdAt.toString())
                    .put("location", base + "/Groups/" + g.team().id)
                    .put("version", "W/\"" + version(g) + "\"");
        }
        return o;
    }

    /**
     * The group's version: the team row's, and its members (a membership lives on the users, so the
     * team's own version does not move when it changes).
     */
    static String version(ScimGroupService.Group g) {
        int members = g.members().stream().map(u -> u.id).sorted().toList().hashCode();
        return g.team().version + "-" + Integer.toHexString(members);
    }

    /** If-Match absent or {@code *} matches anything; otherwise the version it names must be the current one. */
    static boolean versionMatches(String ifMatch, String current) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return true;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        return tag.replace("\"", "").equals(current);
    }
}
