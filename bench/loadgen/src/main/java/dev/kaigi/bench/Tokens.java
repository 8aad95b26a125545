package dev.kaigi.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * RS256 bearer tokens shaped like the identity provider's (claims as in test-support's TestTokens).
 * The service verifies them with {@code quarkus.oidc.public-key}, so no identity server runs.
 */
final class Tokens {

    static final String ISSUER = "https://kaigi.test/realms/kaigi";
    static final String PUBLIC_KEY_FILE = "public-key.b64";
    static final String PRIVATE_KEY_FILE = "private-key.der";

    private Tokens() {
    }

    /** Writes a fresh key pair: the public key as base64 DER (the format of quarkus.oidc.public-key), the private key as PKCS#8 DER. */
    static void generate(Path dir) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(PUBLIC_KEY_FILE), Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        Files.write(dir.resolve(PRIVATE_KEY_FILE), pair.getPrivate().getEncoded());
    }

    static PrivateKey privateKey(Path dir) throws IOException, GeneralSecurityException {
        byte[] der = Files.readAllBytes(dir.resolve(PRIVATE_KEY_FILE));
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /** Another Kaigi service (here: user-service, which takes seats for its users). */
    static String service(PrivateKey key, String serviceName, Duration lifetime) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "service-account-" + serviceName);
        claims.put("azp", serviceName);
        claims.put("roles", List.of("service"));
        return sign(key, claims, lifetime);
    }

    /** A freshly signed-up identity: a verified email, no organization and no Kaigi user yet (sign-up, ORG-02). */
    static String signUp(PrivateKey key, String email, Duration lifetime) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "idp-" + email);
        claims.put("email", email);
        claims.put("email_verified", true);
        claims.put("roles", List.of());
        return sign(key, claims, lifetime);
    }

    /** A signed-in user of {@code orgId}. */
    static String user(PrivateKey key, UUID orgId, UUID userId, List<String> roles, Duration lifetime) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", userId.toString());
        claims.put("uid", userId.toString());
        claims.put("org_id", orgId.toString());
        claims.put("roles", roles);
        return sign(key, claims, lifetime);
    }

    private static String sign(PrivateKey key, Map<String, Object> claims, Duration lifetime) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("iss", ISSUER);
        body.put("aud", "kaigi");
        body.put("typ", "Bearer");
        body.putAll(claims);
        body.put("iat", now);
        body.put("exp", now + lifetime.toSeconds());
        String signingInput = base64Url(Json.string(Map.of("alg", "RS256", "typ", "JWT", "kid", "bench")))
                + "." + base64Url(Json.string(body));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static void requireReadable(Path dir) {
        if (!Files.isReadable(dir.resolve(PRIVATE_KEY_FILE))) {
            throw new UncheckedIOException(new IOException("no key pair in " + dir + "; run 'keys' first"));
        }
    }
}
