package dev.kaigi.user.scim;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** A User or Group as SCIM shows it, with the version its ETag carries. */
public record ScimResource(ObjectNode json, String version) {

    /** A page of resources and the number of all that match. */
    public record Page(List<ObjectNode> resources, long total) {
    }
}
