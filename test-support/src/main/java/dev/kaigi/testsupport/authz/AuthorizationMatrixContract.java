package dev.kaigi.testsupport.authz;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 item 1 as every service runs it: extend this in a {@code @QuarkusTest}, write the table in
 * {@link #table()}, and the two checks below run against the served OpenAPI document.
 */
public abstract class AuthorizationMatrixContract<F> {

    /** The service's table: a fresh {@link AuthorizationMatrix} with a row per endpoint. */
    protected abstract AuthorizationMatrix<F> table();

    @Test
    @DisplayName("issue 8 item 1: every served endpoint has a row, so a new endpoint cannot escape the matrix")
    void everyEndpointHasARow() {
        table().assertEveryEndpointHasARow();
    }

    @Test
    @DisplayName("issue 8 item 1: each of the 13 caller kinds gets exactly the status written down for each endpoint")
    void everyCellAnswersAsWrittenDown() {
        table().assertEveryCellAnswersAsWrittenDown();
    }
}
