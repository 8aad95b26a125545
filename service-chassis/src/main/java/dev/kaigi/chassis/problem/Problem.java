package dev.kaigi.chassis.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** RFC 9457 problem details, the body of every error response of every Kaigi service. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(description = "Stable URI of the problem type", example = "https://kaigi.dev/problems/seat-unavailable")
        String type,
        @Schema(description = "Short summary in the caller's language", example = "No seat available")
        String title,
        @Schema(example = "409")
        int status,
        @Schema(description = "What happened, in the caller's language")
        String detail,
        @Schema(description = "The request path", example = "/api/v1/seat-assignments")
        String instance,
        @Schema(description = "Stable machine-readable code", example = "seat-unavailable")
        String code,
        @Schema(description = "The offending fields, when the request itself was wrong")
        List<FieldViolation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://kaigi.dev/problems/";
}
