package dev.kaigi.chassis.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** RFC 9457 problem details, the body of every error response of every Kaigi service. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(required = true, description = "Stable URI of the problem type")
        String type,
        @Schema(required = true, description = "Short summary in the caller's language")
        String title,
        @Schema(required = true, description = "The HTTP status")
        int status,
        @Schema(description = "What happened, in the caller's language")
        String detail,
        @Schema(description = "The request path")
        String instance,
        @Schema(required = true, description = "Stable machine-readable code; each service's document lists its codes")
        String code,
        @Schema(description = "The offending fields, when the request itself was wrong")
        List<FieldViolation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://kaigi.dev/problems/";
}
