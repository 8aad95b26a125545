package dev.kaigi.chassis.openapi;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.jboss.jandex.IndexView;

import java.util.ServiceLoader;

/**
 * The one {@code mp.openapi.filter} of every service: completes the scanned document so a client
 * generator can trust it. The steps run in this order because each reads what the one before wrote
 * (examples are made for the Problem schema only once it lists the service's codes).
 * Steps that read the resource classes and records the document was scanned from use the Jandex
 * indexes on the class path ({@link ClassIndex}).
 */
public class KaigiOpenApiFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        IndexView index = ClassIndex.load(loader);
        new ProblemResponsesFilter().filterOpenAPI(openAPI);
        new OperationSecurity(index).apply(openAPI);
        new ServiceProblemCodes(loader).apply(openAPI);
        ServiceLoader.load(ServiceOpenApiStep.class, loader).forEach(step -> step.apply(openAPI));
        new RequiredRecordComponents(index).apply(openAPI);
        new GeneratedExamples().apply(openAPI);
    }
}
