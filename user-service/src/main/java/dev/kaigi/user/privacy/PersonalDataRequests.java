package dev.kaigi.user.privacy;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** The bodies of {@code /api/v1/personal-data} (SEC-04). Emails go in bodies, never in URLs, so access logs do not keep them. */
final class PersonalDataRequests {

    private PersonalDataRequests() {
    }

    /** Whose data to export: exactly one of a user of the organization or a lead's email. */
    @Schema(name = "PersonalDataExportRequest")
    record Export(@Schema(description = "A user of the organization, also a deleted one") UUID userId,
                  @Email @Size(max = 254) @Schema(example = "lead@customer.example") String leadEmail) {
    }

    /** The lead to forget, by the email they booked with (any case). */
    @Schema(name = "LeadErasureRequest")
    record Erasure(@NotBlank @Email @Size(max = 254) @Schema(example = "lead@customer.example") String email) {
    }
}
