package dev.kaigi.chassis.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.chassis.text.ControlCharacters;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads every JSON request body once before the real reader, and refuses with a 400 problem what no
 * endpoint may receive, so no endpoint has to remember to:
 * <ul>
 *   <li>anything after the one JSON value: {@code {}}} or {@code {"a":1} junk} is unreadable JSON, not the
 *   first value with the rest ignored (a cancel with a malformed body once cancelled the booking);</li>
 *   <li>a string or property name holding a control character other than tab, CR and LF (SEC-03), named by
 *   its path in the body: PostgreSQL cannot store U+0000, and no Kaigi text holds the others;</li>
 *   <li>nesting, numbers and strings beyond {@link JsonLimits} ({@code json-too-deep}).</li>
 * </ul>
 * Server side only, as a reader interceptor: the service's own JAX-RS clients read providers' answers
 * as they come. The body is already in memory when it is read.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class StrictJson implements ReaderInterceptor {

    private static final JsonFactory JSON = JsonFactory.builder().streamReadConstraints(JsonLimits.CONSTRAINTS).build();

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type == null || !(type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        check(body);
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    /** Walks the first JSON value (malformed JSON is left to the real reader) and refuses what the class names. */
    static void check(byte[] body) throws IOException {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() == null) {
                return; // empty: the reader says what an empty body means
            }
            walkValue(parser);
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
        } catch (StreamConstraintsException e) {
            throw new ProblemException(400, "json-too-deep", JsonLimits.MAX_NESTING_DEPTH);
        } catch (IOException malformed) {
            // not JSON at all, or broken inside the value: the real reader reports it as it always did
        }
    }

    /** Reads the value the parser stands on, to its end, checking each string and property name in it. */
    private static void walkValue(JsonParser parser) throws IOException {
        int depth = 0;
        JsonToken token = parser.currentToken();
        while (true) {
            switch (token) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                case FIELD_NAME, VALUE_STRING -> {
                    if (ControlCharacters.inText(parser.getText())) {
                        throw ProblemException.invalidField(pathOf(parser), "control-character");
                    }
                }
                default -> {
                    // numbers, booleans and null hold no text
                }
            }
            if (depth == 0) {
                return;
            }
            token = parser.nextToken();
            if (token == null) {
                return; // truncated: the real reader reports it
            }
        }
    }

    /**
     * Where the parser stands, written as the problem's other field names are: {@code lead.name},
     * {@code breaks[1].end}. A property name with a control character is shown with U+FFFD in its place.
     */
    static String pathOf(JsonParser parser) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + ControlCharacters.visible(c.getCurrentName()));
            }
        }
        String path = String.join("", parts);
        return path.isEmpty() ? "request" : path.startsWith(".") ? path.substring(1) : path;
    }
}
