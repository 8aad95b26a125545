package dev.kaigi.user.scim;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kaigi.events.user.UserStatus;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Turns a {@link ScimFilter} into a JPQL condition over the attributes a resource type declares
 * filterable, with every value bound as a parameter. Attributes outside that list, and operators
 * an attribute does not support, are refused as {@code invalidFilter}.
 */
final class ScimQuery {

    /** How an attribute compares. */
    enum Kind {
        /** a string compared ignoring case (caseExact false) */
        TEXT,
        /** a string compared exactly (caseExact true) */
        EXACT,
        ID,
        /** a user's {@code active}: every live status but DEACTIVATED */
        ACTIVE,
        TIME,
        ENUM
    }

    /** A filterable attribute: its JPQL expression and kind. */
    record Field(String expression, Kind kind, Class<? extends Enum<?>> enumType) {
        static Field of(String expression, Kind kind) {
            return new Field(expression, kind, null);
        }
    }

    private final Map<String, Field> fields;
    private final String coreSchema;
    private final boolean acrossTypes;
    private final Map<String, Object> params = new HashMap<>();
    private final Set<String> unknown = new TreeSet<>();

    ScimQuery(Map<String, Field> fields, String coreSchema) {
        this(fields, coreSchema, false);
    }

    /**
     * @param acrossTypes the filter is one of a search over every resource type (RFC 7644 §3.4.3,
     *                    {@code POST /.search}): an attribute this type does not have is unassigned
     *                    on it rather than an error, and is listed in {@link #unknown()}
     */
    ScimQuery(Map<String, Field> fields, String coreSchema, boolean acrossTypes) {
        this.fields = fields;
        this.coreSchema = coreSchema;
        this.acrossTypes = acrossTypes;
    }

    /** The attributes of the filter this type does not have (only across types; otherwise they are refused). */
    Set<String> unknown() {
        return unknown;
    }

    Map<String, Object> params() {
        return params;
    }

    String where(ScimFilter filter) {
        if (filter instanceof ScimFilter.And and) {
            return "(" + where(and.left()) + " and " + where(and.right()) + ")";
        }
        if (filter instanceof ScimFilter.Or or) {
            return "(" + where(or.left()) + " or " + where(or.right()) + ")";
        }
        if (filter instanceof ScimFilter.Not not) {
            return "(not " + where(not.inner()) + ")";
        }
        return compare((ScimFilter.Compare) filter);
    }

    /** The JPQL expression to order by for {@code sortBy}; 400 invalidValue for an attribute that cannot sort. */
    String orderBy(String sortBy) {
        Field f = fields.get(ScimSchemas.canonical(sortBy, coreSchema));
        if (f == null || f.kind() == Kind.ACTIVE) {
            throw ScimProblems.invalidValue("Cannot sort by '" + sortBy + "'.");
        }
        return f.kind() == Kind.TEXT ? "lower(" + f.expression() + ")" : f.expression();
    }

    private String compare(ScimFilter.Compare c) {
        Field f = fields.get(ScimSchemas.canonical(c.attribute(), coreSchema));
        if (f == null && acrossTypes) {
            unknown.add(c.attribute());
            return unassigned(c);
        }
        if (f == null) {
            throw ScimProblems.invalidFilter("Cannot filter on '" + c.attribute() + "'; filterable: "
                    + String.join(", ", fields.keySet().stream().sorted().toList()) + ".");
        }
        String op = c.op();
        String x = f.expression();
        if (op.equals("pr")) {
            return switch (f.kind()) {
                case TEXT, EXACT -> "(" + x + " is not null and " + x + " <> '')";
                case ACTIVE -> "1 = 1";
                default -> x + " is not null";
            };
        }
        if (c.value().isNull()) {
            return switch (op) {
                case "eq" -> f.kind() == Kind.ACTIVE ? "1 = 0" : x + " is null";
                case "ne" -> f.kind() == Kind.ACTIVE ? "1 = 1" : x + " is not null";
                default -> throw ScimProblems.invalidFilter("'" + op + "' cannot compare with null.");
            };
        }
        return switch (f.kind()) {
            case TEXT -> text("lower(" + x + ")", x, op, text(c).toLowerCase(Locale.ROOT));
            case EXACT -> text(x, x, op, text(c));
            case ID -> equality(c, x, parseUuid(text(c)));
            case ENUM -> equality(c, x, parseEnum(f.enumType(), text(c)));
            case ACTIVE -> active(c, x);
            case TIME -> time(c, x);
        };
    }

    /** An attribute the resource does not have compares as a null column does below: only {@code eq null} and {@code ne <value>} hold. */
    private static String unassigned(ScimFilter.Compare c) {
        boolean isNull = c.value() == null || c.value().isNull();
        boolean holds = c.op().equals("eq") && isNull || c.op().equals("ne") && !isNull;
        return holds ? "1 = 1" : "1 = 0";
    }

    private String text(String compared, String column, String op, String value) {
        String guard = "(" + column + " is not null and ";
        return switch (op) {
            case "eq" -> guard + compared + " = " + bind(value) + ")";
            case "ne" -> "(" + column + " is null or " + compared + " <> " + bind(value) + ")";
            case "co" -> guard + compared + " like " + bind("%" + escapeLike(value) + "%") + " escape '\\')";
            case "sw" -> guard + compared + " like " + bind(escapeLike(value) + "%") + " escape '\\')";
            case "ew" -> guard + compared + " like " + bind("%" + escapeLike(value)) + " escape '\\')";
            case "gt" -> guard + compared + " > " + bind(value) + ")";
            case "ge" -> guard + compared + " >= " + bind(value) + ")";
            case "lt" -> guard + compared + " < " + bind(value) + ")";
            case "le" -> guard + compared + " <= " + bind(value) + ")";
            default -> throw new IllegalStateException(op);
        };
    }

    /** eq and ne only; a value that can never match (an unknown id) matches nothing. */
    private String equality(ScimFilter.Compare c, String x, Object value) {
        return switch (c.op()) {
            case "eq" -> value == null ? "1 = 0" : x + " = " + bind(value);
            case "ne" -> value == null ? "1 = 1" : "(" + x + " is null or " + x + " <> " + bind(value) + ")";
            default -> throw ScimProblems.invalidFilter("'" + c.attribute() + "' supports eq, ne and pr only.");
        };
    }

    private String active(ScimFilter.Compare c, String status) {
        boolean wanted = booleanValue(c);
        boolean equal = switch (c.op()) {
            case "eq" -> true;
            case "ne" -> false;
            default -> throw ScimProblems.invalidFilter("'active' supports eq, ne and pr only.");
        };
        return status + " " + (wanted == equal ? "<>" : "=") + " " + bind(UserStatus.DEACTIVATED);
    }

    private String time(ScimFilter.Compare c, String x) {
        Instant at;
        try {
            at = OffsetDateTime.parse(text(c)).toInstant();
        } catch (DateTimeParseException e) {
            throw ScimProblems.invalidFilter("'" + c.attribute() + "' compares with a date-time such as \"2026-01-31T09:00:00Z\".");
        }
        String sql = switch (c.op()) {
            case "eq" -> "=";
            case "ne" -> "<>";
            case "gt" -> ">";
            case "ge" -> ">=";
            case "lt" -> "<";
            case "le" -> "<=";
            default -> throw ScimProblems.invalidFilter("'" + c.attribute() + "' cannot use '" + c.op() + "'.");
        };
        return x + " " + sql + " " + bind(at);
    }

    private static String text(ScimFilter.Compare c) {
        JsonNode v = c.value();
        if (!v.isTextual()) {
            throw ScimProblems.invalidFilter("'" + c.attribute() + "' compares with a string.");
        }
        return v.asText();
    }

    private static boolean booleanValue(ScimFilter.Compare c) {
        JsonNode v = c.value();
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual() && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(v.asText().toLowerCase(Locale.ROOT));
        }
        throw ScimProblems.invalidFilter("'" + c.attribute() + "' compares with true or false.");
    }

    private static UUID parseUuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object parseEnum(Class<? extends Enum<?>> type, String s) {
        try {
            return Enum.valueOf((Class) type, s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String bind(Object value) {
        String name = "p" + params.size();
        params.put(name, value);
        return ":" + name;
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
