package dev.kaigi.user.scim;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code POST …/.search} (RFC 7644 §3.4.3): the parameters a GET list takes in its
 * query, with the same meaning; {@code attributes} and {@code excludedAttributes} are lists of
 * attribute names (a comma-separated string is read as a GET's). An attribute this request does not
 * define is refused rather than ignored: a misspelt filter must not widen a search into a list of everyone.
 */
record ScimSearchRequest(ScimListRequest list, String attributes, String excludedAttributes) {

    private static final Set<String> ATTRIBUTES = Set.of("schemas", "attributes", "excludedattributes", "filter", "sortby",
            "sortorder", "startindex", "count");

    static ScimSearchRequest of(JsonNode body) {
        if (!ScimPatch.hasSchema(body, ScimSchemas.SEARCH_REQUEST)) {
            throw ScimProblems.invalidSyntax("A search is a SearchRequest: {\"schemas\":[\"" + ScimSchemas.SEARCH_REQUEST + "\"], ...}.");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ATTRIBUTES.contains(name.toLowerCase(Locale.ROOT))) {
                throw ScimProblems.invalidSyntax("A SearchRequest has no attribute '" + name + "'; it takes attributes, excludedAttributes, "
                        + "filter, sortBy, sortOrder, startIndex and count.");
            }
        }
        ScimListRequest list = ScimListRequest.of(string(body, "filter"), string(body, "sortBy"), string(body, "sortOrder"),
                number(body, "startIndex"), number(body, "count"));
        return new ScimSearchRequest(list, names(body, "attributes"), names(body, "excludedAttributes"));
    }

    ScimProjection projection(String coreSchema) {
        return ScimProjection.of(attributes, excludedAttributes, coreSchema);
    }

    private static JsonNode value(JsonNode body, String name) {
        Map.Entry<String, JsonNode> field = ScimProjection.field(body, name);
        return field == null || field.getValue().isNull() ? null : field.getValue();
    }

    private static String string(JsonNode body, String name) {
        JsonNode v = value(body, name);
        if (v != null && !v.isTextual()) {
            throw ScimProblems.invalidValue(name + " is a string.");
        }
        return v == null ? null : v.asText();
    }

    /** A whole number, or its text as a GET would send it; ScimListRequest refuses anything else. */
    private static String number(JsonNode body, String name) {
        JsonNode v = value(body, name);
        if (v != null && !v.isNumber() && !v.isTextual()) {
            throw ScimProblems.invalidValue(name + " is a whole number.");
        }
        return v == null ? null : v.asText();
    }

    private static String names(JsonNode body, String name) {
        JsonNode v = value(body, name);
        if (v == null || v.isTextual()) {
            return v == null ? null : v.asText();
        }
        if (!v.isArray()) {
            throw ScimProblems.invalidValue(name + " is a list of attribute names.");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual() || item.asText().contains(",")) {
                throw ScimProblems.invalidValue(name + " is a list of attribute names.");
            }
            names.add(item.asText());
        }
        return String.join(",", names);
    }
}
