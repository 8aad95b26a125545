package dev.kaigi.chassis.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Locale;

/** Builds problem+json responses in the caller's language. */
@ApplicationScoped
public class ProblemResponses {

    public Response build(int status, String code, List<FieldViolation> violations, Object[] args,
                          HttpHeaders headers, UriInfo uri) {
        Locale locale = ProblemMessages.choose(headers == null ? List.of() : headers.getAcceptableLanguages());
        List<FieldViolation> localized = violations.stream()
                .map(v -> v.message() != null ? v : new FieldViolation(v.field(), v.code(),
                        ProblemMessages.text(locale, "field." + v.code(), args)))
                .toList();
        Problem problem = new Problem(Problem.TYPE_BASE + code,
                ProblemMessages.text(locale, code + ".title"),
                status,
                ProblemMessages.text(locale, code + ".detail", args),
                uri == null ? null : uri.getRequestUri().getRawPath(),
                code,
                localized);
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_LANGUAGE, locale.getLanguage())
                .entity(problem)
                .build();
    }

    public Response build(ProblemException e, HttpHeaders headers, UriInfo uri) {
        return build(e.status(), e.code(), e.violations(), e.args(), headers, uri);
    }
}
