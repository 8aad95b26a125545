package dev.kaigi.user.scim;

import jakarta.ws.rs.QueryParam;

/** The query parameters of a SCIM list (RFC 7644 §3.4.2), read as strings so a bad value answers invalidValue, not 404. */
public class ScimListParams {

    @QueryParam("filter")
    String filter;
    @QueryParam("startIndex")
    String startIndex;
    @QueryParam("count")
    String count;
    @QueryParam("sortBy")
    String sortBy;
    @QueryParam("sortOrder")
    String sortOrder;
    @QueryParam("attributes")
    String attributes;
    @QueryParam("excludedAttributes")
    String excludedAttributes;

    ScimListRequest request() {
        return ScimListRequest.of(filter, sortBy, sortOrder, startIndex, count);
    }

    ScimProjection projection(String coreSchema) {
        return ScimProjection.of(attributes, excludedAttributes, coreSchema);
    }
}
