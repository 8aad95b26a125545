package dev.kaigi.chassis.privacy;

import dev.kaigi.events.user.LeadErased;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST .../lead-personal-data} as each service reads it: {@link dev.kaigi.events.internal.LeadQuery}'s
 * shape, with the checks that answer a malformed address with a 400 naming {@code email}.
 */
@Schema(name = "LeadQuery")
public record LeadEmailQuery(@NotBlank @Email @Size(max = 320) @Schema(example = "taro@customer.example") String email) {

    /** The address as every service compares it: trimmed, lower case. */
    public String normalized() {
        return email.trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** {@link LeadErased#hashOf} of the address. */
    public String hash() {
        return LeadErased.hashOf(email);
    }
}
