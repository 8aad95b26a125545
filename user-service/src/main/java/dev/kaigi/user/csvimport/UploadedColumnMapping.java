package dev.kaigi.user.csvimport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.chassis.problem.ProblemException;

import java.util.LinkedHashMap;

/** The {@code mapping} form field of an upload (BLK-06): a JSON object of column name to profile field. */
final class UploadedColumnMapping {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LENGTH = 64 * 1024;

    private UploadedColumnMapping() {
    }

    /** The mapping, checked; {@link ColumnMapping#NONE} when the field is absent or blank; 400 naming {@code mapping} otherwise. */
    static ColumnMapping read(String json) {
        if (json == null || json.isBlank()) {
            return ColumnMapping.NONE;
        }
        if (json.length() > MAX_LENGTH) {
            throw ProblemException.invalidField("mapping", "too-long", MAX_LENGTH);
        }
        LinkedHashMap<String, String> columns;
        try {
            columns = JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw ProblemException.invalidField("mapping", "invalid-value");
        }
        if (columns == null) {
            return ColumnMapping.NONE;
        }
        return ColumnMapping.of(columns, "mapping");
    }
}
