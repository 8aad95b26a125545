package dev.kaigi.contracts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;

/**
 * Frontend teams and partners generate clients from the services' OpenAPI documents, so a change
 * that breaks them must never land silently. Each service commits the document it serves
 * ({@code openapi/openapi.yaml}, kept equal to the served one by its wiring test) and the document
 * of its last release ({@code openapi/released.yaml}). openapi-diff compares the two: new
 * endpoints, fields and optional parameters pass; a removed endpoint or field, a new required
 * parameter or field, a narrowed type or enum fails, with openapi-diff's report.
 * <p>
 * A breaking change that is really wanted goes out as a new API version (a new path prefix), or,
 * if the old one was never released to anyone, by replacing {@code released.yaml} with the new
 * document in the same commit, which reviewers then see. Releasing copies openapi.yaml over
 * released.yaml.
 */
class OpenApiCompatibilityTest {

    private static final Path ROOT = Path.of(System.getProperty("kaigi.root", ".."));

    static List<String> services() {
        return List.of("licensing-service", "user-service", "scheduling-service", "integration-service");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void noBreakingChangeSinceTheLastRelease(String service) throws IOException {
        Path released = ROOT.resolve(service).resolve("openapi/released.yaml");
        Path current = ROOT.resolve(service).resolve("openapi/openapi.yaml");
        assertTrue(Files.isRegularFile(released), released + " is missing: a service's contract starts from its first release");
        OpenAPI before = parse(released);
        OpenAPI after = parse(current);
        takeTheProblemCodesOf(after, before);
        ChangedOpenApi diff = OpenApiCompare.fromSpecifications(before, after);
        assertFalse(diff.isIncompatible(), () -> service + ": openapi.yaml breaks clients of the released contract:\n" + report(diff));
    }

    private static OpenAPI parse(Path document) throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(Files.readString(document), null, options).getOpenAPI();
    }

    /**
     * A service's problem codes (the Problem schema's {@code code} enum) grow with its rules. A client
     * takes a code it does not know as its status's generic problem (RFC 9457 §3.1: clients may ignore
     * a type they do not know), so a new code, or a list of codes where a string was, breaks no one;
     * openapi-diff would count any new value of a response enum as breaking, so the released
     * document is read with the current codes.
     */
    private static void takeTheProblemCodesOf(OpenAPI current, OpenAPI released) {
        Schema<Object> problem = problemCode(current);
        Schema<Object> old = problemCode(released);
        if (problem != null && old != null) {
            old.setEnum(problem.getEnum() == null ? null : new java.util.ArrayList<Object>(problem.getEnum()));
        }
    }

    @SuppressWarnings("unchecked")
    private static Schema<Object> problemCode(OpenAPI document) {
        if (document.getComponents() == null || document.getComponents().getSchemas() == null) {
            return null;
        }
        Schema<?> problem = document.getComponents().getSchemas().get("Problem");
        return problem == null || problem.getProperties() == null ? null : (Schema<Object>) problem.getProperties().get("code");
    }

    private static String report(ChangedOpenApi diff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            new MarkdownRender().render(diff, writer);
        } catch (IOException e) {
            return "(no report: " + e + ")";
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
