package dev.kaigi.chassis.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;

/**
 * Reads the sections of a personal-data export (SEC-04) as JSON, each row an object of the columns its
 * {@code select} names, in camel case as the rest of the API ({@code lead_email} becomes {@code leadEmail}). The select lists its columns one by one, never {@code *}: a column added to a table later
 * (a token, a hash) stays out of every export until someone decides it belongs there.
 */
@ApplicationScoped
public class PersonalDataRows {

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;

    /** The first {@code limit} rows of {@code select} (which orders them, newest first), and whether there were more. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Capped<JsonNode> list(String select, Map<String, ?> params, int limit) {
        Query q = em.createNativeQuery("select cast(to_jsonb(r) as text) from (" + select + " limit :rowLimit) r");
        params.forEach(q::setParameter);
        List<?> rows = q.setParameter("rowLimit", limit + 1).getResultList();
        return Capped.of(rows.stream().map(r -> read((String) r)).toList(), limit);
    }

    /** The one row of {@code select}, or null when there is none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public JsonNode one(String select, Map<String, ?> params) {
        List<JsonNode> rows = list(select, params, 1).items();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private JsonNode read(String row) {
        try {
            ObjectNode columns = (ObjectNode) json.readTree(row);
            ObjectNode named = json.createObjectNode();
            columns.properties().forEach(c -> named.set(camel(c.getKey()), c.getValue()));
            return named;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PostgreSQL answered a row that is not JSON", e);
        }
    }

    static String camel(String column) {
        StringBuilder name = new StringBuilder(column.length());
        boolean upper = false;
        for (char ch : column.toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return name.toString();
    }
}
