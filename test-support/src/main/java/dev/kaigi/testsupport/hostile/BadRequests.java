package dev.kaigi.testsupport.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kaigi.testsupport.openapi.ServedOpenApi.Operation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bad requests for one write operation, generated from its OpenAPI schema with a
 * seeded random choice among the hostile values of each property's type. Every request is invalid as a
 * whole: a hostile value that might be acceptable data (an SQL string as a name) travels in a body that
 * also lacks another required property, or carries an unknown one, so nothing may be created.
 */
final class BadRequests {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    static final int TEN_MEGABYTES = 10 * 1024 * 1024;

    /** Strings any text field must survive: empty, one char, 100,000 chars, control, right-to-left, SQL and HTML injection. */
    static final List<String> HOSTILE_STRINGS = List.of("", "x", "a".repeat(100_000), "\u0000\u0007\u001b[31m\r\n\t",
            "\u202Eevil\u202C\u200F\u05D0\u0627", "' OR '1'='1'; DROP TABLE app_user; --", "<script>alert(1)</script><img src=x onerror=alert(1)>",
            "\uD83D\uDE00\uFFFF\uD800", "%00%0d%0a${jndi:ldap://x}");
    /** Control characters no text may hold, in an otherwise plain value (tab, CR and LF may be text). */
    static final List<String> CONTROL_STRINGS = List.of("a\u0000b", "\u0000", "bell\u0007", "esc\u001b[31m", "del\u007f", "back\bspace");
    /** How deep the deeply nested bodies go: beyond any limit a service sets, and Jackson's default of 1,000. */
    static final int DEEP = 1_200;
    static final List<JsonNode> HOSTILE_NUMBERS = List.of(JSON.numberNode(-1), JSON.numberNode(0), JSON.numberNode(2147483648L),
            JSON.numberNode(Long.MIN_VALUE), JSON.numberNode(new java.math.BigInteger("99999999999999999999999999")),
            JSON.numberNode(1.5), JSON.numberNode(1e308), JSON.textNode("NaN"));
    static final List<String> HOSTILE_DATES = List.of("2030-02-30T25:61:00Z", "not-a-date", "2030-01-07", "10:00",
            "+999999999-12-31T23:59:59Z", "2030-01-07T10:00:00+25:00");
    static final List<String> HOSTILE_ZONES = List.of("Mars/Olympus_Mons", "UTC+99", "../../etc/passwd", "");
    /** A well-formed id no record has: an idempotent DELETE may answer it 204 (nothing to remove), changing nothing. */
    static final String NO_SUCH_ID = "00000000-0000-0000-0000-000000000000";
    static final List<String> HOSTILE_PATH_VALUES = List.of("not-a-uuid", "' OR '1'='1", "<script>alert(1)</script>", "\u202Eevil",
            NO_SUCH_ID, "-1", "a".repeat(300), "%00");

    private final SchemaValues schemas;
    private final Random random;
    private final int valueMutationsPerProperty;

    BadRequests(SchemaValues schemas, Random random, int valueMutationsPerProperty) {
        this.schemas = schemas;
        this.random = random;
        this.valueMutationsPerProperty = valueMutationsPerProperty;
    }

    List<BadRequest> of(Operation op, BiFunction<String, String, String> pathParameters) {
        List<BadRequest> out = new ArrayList<>();
        String validPath = resolve(op.path(), name -> pathParameters.apply(op.path(), name));
        JsonNode content = op.spec().path("requestBody").path("content");
        if (!content.fields().hasNext()) {
            // no body: only the path can be bad (a valid path would do the action)
            for (String name : params(op.path())) {
                for (String value : HOSTILE_PATH_VALUES) {
                    String path = resolve(op.path(), n -> n.equals(name) ? encode(value) : pathParameters.apply(op.path(), n));
                    out.add(new BadRequest("path " + name + "=" + abbreviate(value), path, null, null));
                }
            }
            return out;
        }
        Map.Entry<String, JsonNode> media = content.fields().next();
        String type = media.getKey();
        boolean bodyRequired = op.spec().path("requestBody").path("required").asBoolean(false);
        out.addAll(structural(validPath, type, bodyRequired));
        if (type.contains("json")) {
            JsonNode schema = media.getValue().path("schema");
            if (schemas.type(schema).equals("object")) {
                out.addAll(objectBodies(validPath, type, schema));
                out.addAll(hostileBytes(validPath, type, schema));
            }
        }
        return out;
    }

    /**
     * SEC-03: bodies that are valid but for one hostile value, so the service's own checks, not a missing
     * property, must refuse them: U+0000 or another control character in a string, a number past 64 bits
     * in an integer, a value nested a thousand levels deep, bytes that are not UTF-8 (Latin-1 and Shift_JIS
     * sent as UTF-8).
     */
    private List<BadRequest> hostileBytes(String path, String type, JsonNode schema) {
        List<BadRequest> out = new ArrayList<>();
        ObjectNode valid = (ObjectNode) schemas.valid(schema, 0);
        for (Map.Entry<String, JsonNode> p : schemas.properties(schema)) {
            String kind = schemas.type(p.getValue());
            if (kind.equals("string")) {
                String control = CONTROL_STRINGS.get(random.nextInt(CONTROL_STRINGS.size()));
                ObjectNode body = valid.deepCopy();
                body.put(p.getKey(), control);
                out.add(json(p.getKey() + ": control character '" + abbreviate(control) + "' in a valid body", path, type, body));
            } else if (kind.equals("integer")) {
                ObjectNode body = valid.deepCopy();
                body.set(p.getKey(), JSON.numberNode(new java.math.BigInteger("9223372036854775808")));
                out.add(json(p.getKey() + ": 2^63 in a valid body", path, type, body));
            }
        }
        List<Map.Entry<String, JsonNode>> properties = schemas.properties(schema);
        if (!properties.isEmpty()) {
            String name = properties.get(random.nextInt(properties.size())).getKey();
            String marker = "\"kaigi-deep\"";
            ObjectNode body = valid.deepCopy();
            body.put(name, "kaigi-deep");
            String deep = body.toString().replace(marker, "[".repeat(DEEP) + "]".repeat(DEEP));
            out.add(new BadRequest(name + ": nested " + DEEP + " levels deep", path, type, bytes(deep)));
            body.put(name, "kaigi-bytes");
            String text = body.toString();
            out.add(new BadRequest(name + ": Latin-1 bytes sent as UTF-8", path, type,
                    withBytes(text, "kaigi-bytes", "caf\u00e9 \u00ff".getBytes(StandardCharsets.ISO_8859_1))));
            out.add(new BadRequest(name + ": Shift_JIS bytes sent as UTF-8", path, type,
                    withBytes(text, "kaigi-bytes", "山田太郎".getBytes(java.nio.charset.Charset.forName("Shift_JIS")))));
        }
        return out;
    }

    /** {@code text} as UTF-8 with {@code marker} replaced by raw {@code bytes}. */
    private static byte[] withBytes(String text, String marker, byte[] raw) {
        int at = text.indexOf(marker);
        byte[] head = bytes(text.substring(0, at));
        byte[] tail = bytes(text.substring(at + marker.length()));
        byte[] out = new byte[head.length + raw.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(raw, 0, out, head.length, raw.length);
        System.arraycopy(tail, 0, out, head.length + raw.length, tail.length);
        return out;
    }

    /** SEC-03: every query parameter of an operation, once with U+0000 and once with a line break in its value. */
    List<BadRequest> queries(Operation op, BiFunction<String, String, String> pathParameters) {
        List<BadRequest> out = new ArrayList<>();
        String validPath = resolve(op.path(), name -> pathParameters.apply(op.path(), name));
        for (JsonNode parameter : op.spec().path("parameters")) {
            if (parameter.path("in").asText().equals("query")) {
                String name = parameter.path("name").asText();
                for (String value : List.of("a%00b", "a%0D%0ASet-Cookie:%20x=1")) {
                    out.add(new BadRequest("query " + name + "=" + value, validPath + "?" + encode(name) + "=" + value, null, null));
                }
            }
        }
        return out;
    }

    /** Malformed, empty, non-object, wrong-type and oversized bodies; "no body" only where the contract requires one. */
    private List<BadRequest> structural(String path, String type, boolean bodyRequired) {
        List<BadRequest> out = new ArrayList<>();
        for (String malformed : List.of("{\"", "{\"a\":}", "[1,2", "{'single':'quotes'}", "\uFEFF{}}")) {
            out.add(new BadRequest("malformed JSON " + malformed, path, type.contains("json") ? type : "application/json", bytes(malformed)));
        }
        if (bodyRequired) {
            out.add(new BadRequest("empty body", path, type, new byte[0]));
            out.add(new BadRequest("body null", path, type.contains("json") ? type : "application/json", bytes("null")));
        }
        for (String notAnObject : List.of("[]", "\"text\"", "42")) {
            out.add(new BadRequest("body " + notAnObject, path, type.contains("json") ? type : "application/json", bytes(notAnObject)));
        }
        out.add(new BadRequest("wrong content type text/plain", path, "text/plain", bytes("{}")));
        out.add(new BadRequest("wrong content type application/xml", path, "application/xml", bytes("<a/>")));
        out.add(new BadRequest("garbage bytes", path, type, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, '{'}));
        byte[] huge = new byte[TEN_MEGABYTES + 1];
        Arrays.fill(huge, (byte) 'a');
        byte[] start = bytes("{\"x\":\"");
        System.arraycopy(start, 0, huge, 0, start.length);
        out.add(new BadRequest("body of 10 MB", path, type, huge));
        return out;
    }

    private List<BadRequest> objectBodies(String path, String type, JsonNode schema) {
        List<BadRequest> out = new ArrayList<>();
        ObjectNode valid = (ObjectNode) schemas.valid(schema, 0);
        List<String> required = schemas.required(schema);
        for (String r : required) {
            ObjectNode body = valid.deepCopy();
            body.remove(r);
            out.add(json("missing required " + r, path, type, body));
        }
        ObjectNode unknown = valid.deepCopy();
        unknown.put("kaigiUnknownProperty", "x");
        out.add(json("unknown property", path, type, unknown));
        for (Map.Entry<String, JsonNode> p : schemas.properties(schema)) {
            List<Map.Entry<String, JsonNode>> mutations = new ArrayList<>(valuesFor(p.getKey(), p.getValue()));
            Collections.shuffle(mutations, random);
            for (Map.Entry<String, JsonNode> m : mutations.subList(0, Math.min(valueMutationsPerProperty, mutations.size()))) {
                ObjectNode body = valid.deepCopy();
                body.set(p.getKey(), m.getValue());
                out.add(json(p.getKey() + ": " + m.getKey() + " (" + spoil(body, p.getKey(), required) + ")", path, type, body));
            }
            // one level down: a nested object's properties get a wrong type each
            if (schemas.type(p.getValue()).equals("object")) {
                for (Map.Entry<String, JsonNode> inner : schemas.properties(p.getValue())) {
                    ObjectNode body = valid.deepCopy();
                    ((ObjectNode) body.get(p.getKey())).set(inner.getKey(), wrongType(inner.getValue()));
                    out.add(json(p.getKey() + "." + inner.getKey() + ": wrong type (" + spoil(body, p.getKey(), required) + ")",
                            path, type, body));
                }
            }
        }
        return out;
    }

    /** Makes the body certainly invalid without touching {@code mutated}; says how. */
    private static String spoil(ObjectNode body, String mutated, List<String> required) {
        for (String r : required) {
            if (!r.equals(mutated)) {
                body.remove(r);
                return "and " + r + " missing";
            }
        }
        body.put("kaigiUnknownProperty", "x");
        return "and an unknown property";
    }

    private List<Map.Entry<String, JsonNode>> valuesFor(String name, JsonNode schema) {
        List<Map.Entry<String, JsonNode>> values = new ArrayList<>();
        values.add(Map.entry("null", JSON.nullNode()));
        values.add(Map.entry("wrong type", wrongType(schema)));
        JsonNode s = schemas.resolve(schema);
        String type = schemas.type(schema);
        String format = s.path("format").asText("");
        if (s.has("enum")) {
            values.add(Map.entry("invalid enum", JSON.textNode("NOT_A_VALUE")));
            values.add(Map.entry("enum in lower case", JSON.textNode(s.get("enum").get(0).asText().toLowerCase())));
        } else if (type.equals("string")) {
            HOSTILE_STRINGS.forEach(v -> values.add(Map.entry("string '" + abbreviate(v) + "'", JSON.textNode(v))));
            if (format.startsWith("date") || format.contains("time")) {
                HOSTILE_DATES.forEach(v -> values.add(Map.entry("date '" + v + "'", JSON.textNode(v))));
            }
            if (name.toLowerCase().contains("zone")) {
                HOSTILE_ZONES.forEach(v -> values.add(Map.entry("zone '" + v + "'", JSON.textNode(v))));
            }
        } else if (type.equals("integer") || type.equals("number")) {
            HOSTILE_NUMBERS.forEach(v -> values.add(Map.entry("number " + v, v)));
        } else if (type.equals("array")) {
            values.add(Map.entry("array of nulls", JSON.arrayNode().addNull().addNull()));
            values.add(Map.entry("array of 10,000", tenThousand(s.path("items"))));
        }
        return values;
    }

    private com.fasterxml.jackson.databind.node.ArrayNode tenThousand(JsonNode items) {
        com.fasterxml.jackson.databind.node.ArrayNode a = JSON.arrayNode();
        JsonNode one = schemas.valid(items, 1);
        for (int i = 0; i < 10_000; i++) {
            a.add(one);
        }
        return a;
    }

    private JsonNode wrongType(JsonNode schema) {
        return switch (schemas.type(schema)) {
            case "string" -> JSON.objectNode().put("nested", "object");
            case "integer", "number" -> JSON.textNode("twelve");
            case "boolean" -> JSON.textNode("maybe");
            case "array" -> JSON.objectNode().put("not", "an array");
            case "object" -> JSON.textNode("not an object");
            default -> JSON.arrayNode().add(1);
        };
    }

    private static BadRequest json(String what, String path, String type, JsonNode body) {
        return new BadRequest(what, path, type, bytes(body.toString()));
    }

    static List<String> params(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = PARAM.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String resolve(String template, java.util.function.Function<String, String> value) {
        Matcher m = PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value.apply(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String abbreviate(String value) {
        String head = value.length() > 40 ? value.substring(0, 20) : value;
        StringBuilder printable = new StringBuilder();
        head.codePoints().forEach(c -> printable.append(c < 0x20 || (c >= 0x200e && c <= 0x202e)
                ? String.format("\\u%04x", c) : Character.toString(c)));
        return value.length() > 40 ? printable + "…(" + value.length() + " chars)" : printable.toString();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
