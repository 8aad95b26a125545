package dev.kaigi.testsupport.authz;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The authorization matrix as every service runs it: extend this in a {@code @QuarkusTest}, write the table in
 * {@link #table()}, and the checks below run against the served OpenAPI document.
 */
public abstract class AuthorizationMatrixContract<F> {

    /** The service's table: a fresh {@link AuthorizationMatrix} with a row per endpoint. */
    protected abstract AuthorizationMatrix<F> table();

    @Test
    @DisplayName("Every served endpoint has a row, so a new endpoint cannot escape the matrix")
    void everyEndpointHasARow() {
        table().assertEveryEndpointHasARow();
    }

    @Test
    @DisplayName("Each operation documents the security the table shows: none where anyone is let in, else a bearer token "
            + "with the partner scope that opens it")
    void documentedSecurityIsWhatTheTableShows() {
        table().assertDocumentedSecurityIsWhatTheTableShows();
    }

    @Test
    @DisplayName("Each of the 13 caller kinds gets exactly the status written down for each endpoint")
    void everyCellAnswersAsWrittenDown() {
        table().assertEveryCellAnswersAsWrittenDown();
    }
}
