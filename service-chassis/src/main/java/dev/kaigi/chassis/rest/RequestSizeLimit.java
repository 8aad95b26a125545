package dev.kaigi.chassis.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kaigi.chassis.problem.Problem;
import dev.kaigi.chassis.problem.ProblemMessages;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Locale;

/**
 * Refuses a request whose declared body is larger than {@code quarkus.http.limits.max-body-size}
 * before any of it is read, with a 413 problem+json like every other error. Without this the
 * framework starts reading, fails half-way and the client sees a reset connection (or a 500).
 * The body is still read and discarded, so the client, which is usually still sending, gets to
 * read the answer.
 */
@ApplicationScoped
public class RequestSizeLimit {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBodySize;
    @Inject
    ObjectMapper json;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null || !tooLarge(declared)) {
            ctx.next();
            return;
        }
        Locale locale = ProblemMessages.choose(languages(ctx));
        Problem problem = new Problem(Problem.TYPE_BASE + "payload-too-large",
                ProblemMessages.text(locale, "payload-too-large.title"), 413,
                ProblemMessages.text(locale, "payload-too-large.detail"), ctx.request().path(), "payload-too-large", List.of());
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ctx.request().handler(discarded -> { });
        ctx.request().endHandler(done -> { });
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }

    private boolean tooLarge(String declared) {
        try {
            return Long.parseLong(declared.trim()) > maxBodySize.asLongValue();
        } catch (NumberFormatException e) {
            return false; // the HTTP layer refuses a malformed length itself
        }
    }

    private static List<Locale> languages(RoutingContext ctx) {
        return ctx.acceptableLanguages().stream().map(l -> Locale.forLanguageTag(l.tag())).toList();
    }
}
