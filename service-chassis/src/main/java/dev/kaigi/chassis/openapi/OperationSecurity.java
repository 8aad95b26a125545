package dev.kaigi.chassis.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Declares on every operation what the services enforce: a bearer token
 * ({@code quarkus.security.jaxrs.default-roles-allowed=**}), except where the resource method or its
 * class is {@code @PermitAll} (public booking pages, manage links, invitations), which get
 * {@code security: []}. An operation that partner clients may call names the partner scopes itself,
 * with {@code @SecurityRequirement(name = "bearer", scopes = PartnerScopes.X)} on the method or
 * class; the services' authorization matrices check those scopes against the scopes that really
 * open the endpoint.
 */
final class OperationSecurity {

    /** The security scheme's name ({@code quarkus.smallrye-openapi.security-scheme-name}). */
    static final String SCHEME = "bearer";
    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final DotName PERMIT_ALL = DotName.createSimple("jakarta.annotation.security.PermitAll");

    private final IndexView index;

    OperationSecurity(IndexView index) {
        this.index = index;
    }

    void apply(OpenAPI openAPI) {
        Operations.each(openAPI, (path, method, op) -> {
            if (isPublic(op)) {
                op.setSecurity(new ArrayList<>());
            } else if (op.getSecurity() == null) {
                op.setSecurity(new ArrayList<>(List.of(OASFactory.createSecurityRequirement().addScheme(SCHEME))));
            }
        });
    }

    private boolean isPublic(Operation op) {
        return resourceMethod(op).map(m -> m.hasDeclaredAnnotation(PERMIT_ALL) || m.declaringClass().hasDeclaredAnnotation(PERMIT_ALL))
                .orElse(false);
    }

    /** The resource method of an operation, by its {@code CLASS_METHOD} operation id. */
    private Optional<MethodInfo> resourceMethod(Operation op) {
        String id = op.getOperationId();
        int separator = id == null ? -1 : id.lastIndexOf('_');
        if (separator < 0) {
            return Optional.empty();
        }
        String className = id.substring(0, separator);
        String methodName = id.substring(separator + 1);
        return index.getAnnotations(PATH).stream()
                .filter(a -> a.target().kind() == AnnotationTarget.Kind.CLASS)
                .map(a -> a.target().asClass())
                .filter(c -> c.simpleName().equals(className))
                .flatMap(c -> methodsOf(c, methodName).stream())
                .findFirst();
    }

    private static List<MethodInfo> methodsOf(ClassInfo type, String name) {
        return type.methods().stream().filter(m -> m.name().equals(name)).toList();
    }
}
