package dev.kaigi.chassis.openapi;

import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * A service's own completion of its OpenAPI document, run by {@link KaigiOpenApiFilter} after the shared
 * error responses and security and before required fields and examples. A service registers it in
 * {@code META-INF/services/dev.kaigi.chassis.openapi.ServiceOpenApiStep}.
 */
public interface ServiceOpenApiStep {

    void apply(OpenAPI openAPI);
}
