package dev.kaigi.chassis.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * A request body is one JSON value and nothing after it: {@code {}}} or {@code {"a":1} junk} is unreadable
 * JSON (400 problem+json), not the first value with the rest ignored. Found by issue 8 item 2's hostile
 * input: a cancel with a malformed body cancelled the booking.
 *
 * <p>Server side only, as a reader interceptor: enabling Jackson's FAIL_ON_TRAILING_TOKENS on the shared
 * ObjectMapper also changed how the service's own JAX-RS clients read answers (a SCIM client in the
 * service's JVM could no longer read error bodies). The body is already in memory when it is read.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class StrictJson implements ReaderInterceptor {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type == null || !(type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        requireOneValue(body);
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    /** Skips the first JSON value (malformed JSON is left to the real reader) and refuses any token after it. */
    private static void requireOneValue(byte[] body) throws IOException {
        try (JsonParser parser = JSON.getFactory().createParser(body)) {
            if (parser.nextToken() == null) {
                return; // empty: the reader says what an empty body means
            }
            parser.skipChildren();
            JsonToken trailing;
            try {
                trailing = parser.nextToken();
            } catch (IOException malformedTail) {
                trailing = JsonToken.NOT_AVAILABLE;
            }
            if (trailing != null) {
                throw MismatchedInputException.from(parser, Object.class, "Trailing token after the request's JSON value");
            }
        } catch (MismatchedInputException e) {
            throw e;
        } catch (IOException malformed) {
            // not JSON at all, or broken inside the value: the real reader reports it as it always did
        }
    }
}
