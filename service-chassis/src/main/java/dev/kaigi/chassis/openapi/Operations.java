package dev.kaigi.chassis.openapi;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;

import java.util.Map;

/** Walks every operation of a document. */
final class Operations {

    @FunctionalInterface
    interface Visitor {
        void visit(String path, PathItem.HttpMethod method, Operation operation);
    }

    private Operations() {
    }

    static void each(OpenAPI openAPI, Visitor visitor) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                visitor.visit(path, entry.getKey(), entry.getValue());
            }
        });
    }
}
