package dev.kaigi.integration.provider;

import dev.kaigi.chassis.problem.ProblemResponses;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** A provider failure no service turned into a problem still answers 502/503 with a code, never a 500 or the raw answer. */
public class ProviderProblemMappers {

    @Inject
    ProblemResponses problems;

    @ServerExceptionMapper
    public Response unavailable(ProviderUnavailableException e, HttpHeaders headers, UriInfo uri) {
        return problems.build(503, "provider-unavailable", List.of(), new Object[] {e.provider()}, headers, uri);
    }

    @ServerExceptionMapper
    public Response circuitOpen(CircuitBreakerOpenException e, HttpHeaders headers, UriInfo uri) {
        return problems.build(503, "provider-unavailable", List.of(), new Object[] {"provider"}, headers, uri);
    }

    @ServerExceptionMapper
    public Response timedOut(TimeoutException e, HttpHeaders headers, UriInfo uri) {
        return problems.build(503, "provider-unavailable", List.of(), new Object[] {"provider"}, headers, uri);
    }

    @ServerExceptionMapper
    public Response rejected(ProviderRejectedException e, HttpHeaders headers, UriInfo uri) {
        return problems.build(502, "provider-error", List.of(), new Object[] {e.provider()}, headers, uri);
    }
}
