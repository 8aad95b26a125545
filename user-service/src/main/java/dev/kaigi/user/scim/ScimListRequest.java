package dev.kaigi.user.scim;

/**
 * A list request's query (RFC 7644 §3.4.2): filter, sort and paging. startIndex is 1-based and
 * below 1 reads as 1; count below 0 reads as 0 and above {@link #MAX_COUNT} as the maximum (§3.4.2.4).
 */
record ScimListRequest(String filter, String sortBy, boolean descending, int startIndex, int count) {

    static final int MAX_COUNT = 200;
    static final int DEFAULT_COUNT = 100;

    static ScimListRequest of(String filter, String sortBy, String sortOrder, String startIndexParam, String countParam) {
        Integer startIndex = integer("startIndex", startIndexParam);
        Integer count = integer("count", countParam);
        boolean descending;
        if (sortOrder == null || sortOrder.equalsIgnoreCase("ascending")) {
            descending = false;
        } else if (sortOrder.equalsIgnoreCase("descending")) {
            descending = true;
        } else {
            throw ScimProblems.invalidValue("sortOrder is ascending or descending.");
        }
        int start = startIndex == null || startIndex < 1 ? 1 : startIndex;
        int size = count == null ? DEFAULT_COUNT : Math.max(0, Math.min(MAX_COUNT, count));
        return new ScimListRequest(filter == null || filter.isBlank() ? null : filter,
                sortBy == null || sortBy.isBlank() ? null : sortBy, descending, start, size);
    }

    private static Integer integer(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw ScimProblems.invalidValue(name + " is a whole number.");
        }
    }
}
