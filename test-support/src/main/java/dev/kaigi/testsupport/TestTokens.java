package dev.kaigi.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Signs RS256 bearer tokens the way the identity provider would, with any organization, user,
 * roles and scopes, plus expired and tampered ones. The services verify them with the public key
 * that {@link KaigiTestResources} hands to quarkus-oidc.
 */
public final class TestTokens {

    public static final String ISSUER = "https://kaigi.test/realms/kaigi";
    /** The audience every Kaigi access token carries (the realm's audience mapper), and the services require. */
    public static final String AUDIENCE = "kaigi";
    private static final KeyPair KEYS = generate();

    private TestTokens() {
    }

    /** Base64 DER of the public key, the format of {@code quarkus.oidc.public-key}. */
    public static String publicKey() {
        return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    /** A signed-in Kaigi user of {@code orgId} with the given roles (owner, manager, member, restricted, super_admin). */
    public static String user(UUID orgId, UUID userId, String... roles) {
        return sign(claims(orgId, userId, List.of(roles), List.of()), Duration.ofMinutes(10));
    }

    /**
     * A signed-in user whose token also carries {@code scopes}, as an identity provider may add a client's
     * scopes to a user's token: they must never stand in for the user's roles.
     */
    public static String userWithScopes(UUID orgId, UUID userId, String[] roles, String... scopes) {
        return sign(claims(orgId, userId, List.of(roles), List.of(scopes)), Duration.ofMinutes(10));
    }

    /** A partner integration (client credentials) of {@code orgId} with the given scopes. */
    public static String partner(UUID orgId, String... scopes) {
        return sign(claims(orgId, null, List.of(), List.of(scopes)), Duration.ofMinutes(10));
    }

    /** Another Kaigi service calling with the {@code service} role (no tenant of its own). */
    public static String service(String serviceName) {
        return service(serviceName, Duration.ofMinutes(10));
    }

    /** A service token living {@code lifetime}, for a service under test to present to another for a whole test run. */
    public static String service(String serviceName, Duration lifetime) {
        JwtClaimsBuilder claims = accessToken().subject("service-account-" + serviceName)
                .claim("roles", List.of("service")).claim("azp", serviceName);
        return sign(claims, lifetime);
    }

    /** A freshly signed-up identity: a verified email, no organization and no Kaigi user yet. */
    public static String signUp(String email) {
        JwtClaimsBuilder claims = accessToken().subject("idp-" + email)
                .claim("email", email).claim("email_verified", true).claim("roles", List.of());
        return sign(claims, Duration.ofMinutes(10));
    }

    /** A well-signed token for the user whose lifetime ended a minute ago. */
    public static String expired(UUID orgId, UUID userId, String... roles) {
        Instant issued = Instant.now().minus(Duration.ofMinutes(11));
        return claims(orgId, userId, List.of(roles), List.of())
                .issuedAt(issued).expiresAt(issued.plus(Duration.ofMinutes(10)))
                .jws().keyId("test").sign(KEYS.getPrivate());
    }

    /**
     * The ID token the identity provider gives an OWNER at sign-in: well signed, of the organization,
     * but of type {@code ID} and meant for the frontend client, so no service may take it as an access token.
     */
    public static String idToken(UUID orgId, UUID userId, String... roles) {
        return sign(claims(orgId, userId, List.of(roles), List.of()).audience("kaigi-frontend").claim("typ", "ID"),
                Duration.ofMinutes(10));
    }

    /** An OWNER's access token issued by the same realm to another application (its audience is not Kaigi). */
    public static String foreignAudience(UUID orgId, UUID userId, String... roles) {
        return sign(claims(orgId, userId, List.of(roles), List.of()).audience("another-application"), Duration.ofMinutes(10));
    }

    /** A token whose payload was edited after signing (here: the roles raised to owner). */
    public static String tampered(UUID orgId, UUID userId) {
        String[] parts = user(orgId, userId, "member").split("\\.");
        String forgedPayload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"member\"", "\"owner\"").getBytes());
        return parts[0] + "." + forgedPayload + "." + parts[2];
    }

    private static JwtClaimsBuilder claims(UUID orgId, UUID userId, List<String> roles, List<String> scopes) {
        JwtClaimsBuilder claims = accessToken()
                .subject(userId != null ? userId.toString() : "partner-" + orgId)
                .claim("org_id", orgId.toString())
                .claim("roles", roles);
        if (userId != null) {
            claims.claim("uid", userId.toString());
        }
        if (!scopes.isEmpty()) {
            claims.claim("scope", String.join(" ", scopes));
        }
        return claims;
    }

    /** What Keycloak puts in every access token of the realm's Kaigi clients: issuer, audience and type. */
    private static JwtClaimsBuilder accessToken() {
        return Jwt.claims().issuer(ISSUER).audience(AUDIENCE).claim("typ", "Bearer");
    }

    private static String sign(JwtClaimsBuilder claims, Duration lifetime) {
        Instant now = Instant.now();
        return claims.issuedAt(now).expiresAt(now.plus(lifetime)).jws().keyId("test").sign(KEYS.getPrivate());
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
