package dev.kaigi.user.security;

import dev.kaigi.chassis.problem.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The address the identity provider verified for a signed-in identity that is not a Kaigi user yet (sign-up,
 * INV-06): only a verified one may claim an address or the invitations sent to it.
 */
public final class VerifiedEmail {

    private VerifiedEmail() {
    }

    /** The token's {@code email} when {@code email_verified} is true and it is an address; 403 otherwise. */
    public static String of(JsonWebToken token) {
        String email = token.getClaim("email");
        Object verified = token.getClaim("email_verified");
        if (email == null || email.length() > 254 || !email.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")
                || !(Boolean.TRUE.equals(verified) || "true".equals(String.valueOf(verified)))) {
            throw ProblemException.forbidden();
        }
        return email;
    }
}
