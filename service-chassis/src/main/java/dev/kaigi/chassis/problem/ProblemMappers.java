package dev.kaigi.chassis.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.kaigi.chassis.inbox.TransientFailures;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Maps every failure a request can meet to RFC 9457 problem+json: the service's own
 * {@link ProblemException}s, bean validation, unreadable JSON, framework HTTP errors, security,
 * an outage of the database or a called system (503 with Retry-After), and, last, anything unexpected
 * (a 500 that names nothing internal).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final Map<Integer, String> CODE_BY_STATUS = Map.of(
            400, "bad-request", 401, "unauthenticated", 403, "forbidden", 404, "not-found",
            405, "method-not-allowed", 406, "not-acceptable", 409, "conflict", 412, "precondition-failed",
            413, "payload-too-large", 415, "unsupported-media-type");

    @Inject
    ProblemResponses problems;

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpHeaders headers, UriInfo uri) {
        return problems.build(e, headers, uri);
    }

    @ServerExceptionMapper
    public Response validation(ResteasyReactiveViolationException e, HttpHeaders headers, UriInfo uri) {
        return violations(e, headers, uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, HttpHeaders headers, UriInfo uri) {
        return violations(e, headers, uri);
    }

    @ServerExceptionMapper
    public Response unknownProperty(UnrecognizedPropertyException e, HttpHeaders headers, UriInfo uri) {
        return field(jsonPath(e), "unknown-property", headers, uri);
    }

    @ServerExceptionMapper
    public Response invalidFormat(InvalidFormatException e, HttpHeaders headers, UriInfo uri) {
        return field(jsonPath(e), "invalid-value", headers, uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, HttpHeaders headers, UriInfo uri) {
        String path = jsonPath(e);
        return path.isEmpty() ? malformed(headers, uri) : field(path, "invalid-value", headers, uri);
    }

    @ServerExceptionMapper
    public Response valueInstantiation(ValueInstantiationException e, HttpHeaders headers, UriInfo uri) {
        return field(jsonPath(e), "invalid-value", headers, uri);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e, HttpHeaders headers, UriInfo uri) {
        String path = jsonPath(e);
        return path.isEmpty() ? malformed(headers, uri) : field(path, "invalid-value", headers, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(StreamReadException e, HttpHeaders headers, UriInfo uri) {
        return malformed(headers, uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpHeaders headers, UriInfo uri) {
        return malformed(headers, uri);
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e, HttpHeaders headers, UriInfo uri) {
        return Response.fromResponse(problems.build(401, "unauthenticated", List.of(), new Object[0], headers, uri))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpHeaders headers, UriInfo uri) {
        return problems.build(403, "forbidden", List.of(), new Object[0], headers, uri);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, HttpHeaders headers, UriInfo uri) {
        if (e.getCause() instanceof ProblemException problem) {
            return problem(problem, headers, uri); // e.g. a bad query parameter (QueryParamConverters)
        }
        // Quarkus REST reports an unreadable body as a plain 400 with the Jackson error as cause
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            return unknownProperty(unknown, headers, uri);
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            return jsonMapping(mapping, headers, uri);
        }
        if (e.getCause() instanceof JsonProcessingException) {
            return malformed(headers, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, headers, uri);
        }
        Response problem = problems.build(status, CODE_BY_STATUS.getOrDefault(status, "bad-request"), List.of(),
                new Object[0], headers, uri);
        Object allow = e.getResponse().getHeaders().getFirst(HttpHeaders.ALLOW);
        return allow == null ? problem : Response.fromResponse(problem).header(HttpHeaders.ALLOW, allow).build();
    }

    /** Two writers raced on one row and this one lost: read it again and retry. */
    @ServerExceptionMapper
    public Response optimisticLock(jakarta.persistence.OptimisticLockException e, HttpHeaders headers, UriInfo uri) {
        return problems.build(412, "precondition-failed", List.of(), new Object[0], headers, uri);
    }

    @ServerExceptionMapper
    public Response persistence(jakarta.persistence.PersistenceException e, HttpHeaders headers, UriInfo uri) {
        String state = sqlState(e);
        if ("23505".equals(state) || "23P01".equals(state)) { // unique or exclusion: a concurrent request got there first
            return problems.build(409, "conflict", List.of(), new Object[0], headers, uri);
        }
        if ("40001".equals(state) || "40P01".equals(state)) { // serialization failure or deadlock: safe to retry
            return problems.build(409, "conflict", List.of(), new Object[0], headers, uri);
        }
        return unexpected(e, headers, uri);
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpHeaders headers, UriInfo uri) {
        if (TransientFailures.isTransient(e)) {
            // the database connection was cut, the pool ran dry or a called system is away: the same request
            // may succeed a moment later (safely, with an Idempotency-Key), so say so instead of an incident
            LOG.warnf("service unavailable for %s: %s", uri.getPath(), e);
            return Response.fromResponse(problems.build(503, "service-unavailable", List.of(), new Object[0], headers, uri))
                    .header(HttpHeaders.RETRY_AFTER, "1").build();
        }
        UUID incident = UUID.randomUUID();
        LOG.errorf(e, "unexpected error, incident %s", incident);
        return problems.build(500, "internal-error", List.of(), new Object[] {incident.toString()}, headers, uri);
    }

    private Response violations(ConstraintViolationException e, HttpHeaders headers, UriInfo uri) {
        List<FieldViolation> fields = e.getConstraintViolations().stream()
                .map(v -> new FieldViolation(fieldOf(v), ConstraintReasons.reasonOf(v), messageOf(v)))
                .sorted(Comparator.comparing(FieldViolation::field))
                .toList();
        return problems.build(400, "validation-failed", fields, new Object[0], headers, uri);
    }

    /** Bean Validation's message, or null for Kaigi's own constraints, whose text comes from the problem bundles. */
    private static String messageOf(ConstraintViolation<?> violation) {
        return violation.getMessageTemplate().startsWith("{kaigi.") ? null : violation.getMessage();
    }

    private Response field(String field, String reason, HttpHeaders headers, UriInfo uri) {
        return problems.build(400, "validation-failed", List.of(new FieldViolation(field, reason, null)),
                new Object[] {field}, headers, uri);
    }

    private Response malformed(HttpHeaders headers, UriInfo uri) {
        return problems.build(400, "malformed-json", List.of(), new Object[0], headers, uri);
    }

    /** The JSON path of the offending value as the client wrote it, e.g. {@code breaks[1].end}. */
    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * The request field a violation is about: the property path inside the body, or the query or
     * path parameter's name, never the Java method name.
     */
    private static String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            // a node inside a list carries the list's index: items[0].name is "items", then "name" with index 0
            if (node.isInIterable() && !field.isEmpty()) {
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getName() == null || node.getName().startsWith("<")) {
                continue; // container elements such as <list element> have no name of their own
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(node.getName());
        }
        if (!field.isEmpty()) {
            return field.toString();
        }
        return parameter != null ? parameter : "request";
    }
}
