package dev.kaigi.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a client generator needs of each committed OpenAPI document, beyond what the linters check
 * (README "What an endpoint must carry"): every operation declares its security, every request body
 * and successful response has an example, every object schema that only responses use marks its
 * always-present properties {@code required} (else every generated field is optional), no schema is
 * named with a number (SmallRye's {@code View1}/{@code View2} for two records of one name), and the
 * Problem schema lists the service's codes.
 */
class OpenApiCompletenessTest {

    private static final Path ROOT = Path.of(System.getProperty("kaigi.root", ".."));
    private static final String REF = "#/components/schemas/";

    static List<String> services() {
        return OpenApiCompatibilityTest.services();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void everyOperationDeclaresItsSecurity(String service) throws IOException {
        List<String> missing = new ArrayList<>();
        operations(read(service), (key, op) -> {
            if (op.getSecurity() == null) {
                missing.add(key);
            }
        });
        assertEquals(List.of(), missing, service + ": operations without security (bearer, or [] for @PermitAll)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void everyRequestBodyAndSuccessfulResponseHasAnExample(String service) throws IOException {
        List<String> missing = new ArrayList<>();
        operations(read(service), (key, op) -> {
            if (op.getRequestBody() != null) {
                withoutExample(op.getRequestBody().getContent()).forEach(m -> missing.add(key + " request " + m));
            }
            op.getResponses().forEach((status, response) -> {
                if (status.startsWith("2")) {
                    withoutExample(response.getContent()).forEach(m -> missing.add(key + " " + status + " " + m));
                }
            });
        });
        assertEquals(List.of(), missing, service + ": payloads without an example; give the record component whose "
                + "pattern no generated value matches @Schema(examples = ...)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void everyResponseRecordMarksItsRequiredFields(String service) throws IOException {
        OpenAPI doc = read(service);
        Set<String> requests = new LinkedHashSet<>();
        Set<String> responses = new LinkedHashSet<>();
        operations(doc, (key, op) -> {
            if (op.getRequestBody() != null) {
                reach(doc, op.getRequestBody().getContent(), requests);
            }
            op.getResponses().values().forEach(r -> reach(doc, r.getContent(), responses));
        });
        responses.removeAll(requests);
        List<String> optionalOnly = new ArrayList<>();
        for (String name : responses) {
            Schema<?> schema = (Schema<?>) doc.getComponents().getSchemas().get(name);
            if (schema != null && schema.getProperties() != null && !schema.getProperties().isEmpty()
                    && (schema.getRequired() == null || schema.getRequired().isEmpty())) {
                optionalOnly.add(name);
            }
        }
        assertEquals(List.of(), optionalOnly, service + ": response schemas whose every field a generated client types as "
                + "optional; a record component is required unless @Nullable or Optional");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void schemaNamesSayWhatTheyAre(String service) throws IOException {
        List<String> numbered = read(service).getComponents().getSchemas().keySet().stream()
                .filter(name -> name.matches(".*\\d$")).toList();
        assertEquals(List.of(), numbered, service + ": schemas numbered by SmallRye for two records of one simple name; "
                + "name each with @Schema(name = ...)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theProblemSchemaListsTheServicesCodes(String service) throws IOException {
        Schema<?> problem = read(service).getComponents().getSchemas().get("Problem");
        Schema<?> code = (Schema<?>) problem.getProperties().get("code");
        assertEquals(true, code.getEnum() != null && code.getEnum().contains("validation-failed")
                && code.getEnum().contains("unauthenticated"), service + ": Problem.code lists the service's codes");
    }

    private static OpenAPI read(String service) throws IOException {
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        String text = Files.readString(ROOT.resolve(service).resolve("openapi/openapi.yaml"));
        return new OpenAPIV3Parser().readContents(text, null, options).getOpenAPI();
    }

    private static void operations(OpenAPI doc, BiConsumer<String, Operation> visitor) {
        doc.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> visitor.accept(method + " " + path, op)));
    }

    private static List<String> withoutExample(Content content) {
        List<String> missing = new ArrayList<>();
        if (content != null) {
            content.forEach((type, media) -> {
                boolean hasExample = media.getExample() != null || (media.getExamples() != null && !media.getExamples().isEmpty())
                        || media.getExampleSetFlag();
                if (media.getSchema() != null && !hasExample) {
                    missing.add(type);
                }
            });
        }
        return missing;
    }

    /** Adds the component schemas {@code content} reaches through $refs. */
    private static void reach(OpenAPI doc, Content content, Set<String> names) {
        if (content == null) {
            return;
        }
        Deque<Schema<?>> todo = new ArrayDeque<>();
        content.values().stream().map(m -> m.getSchema()).filter(s -> s != null).forEach(todo::add);
        while (!todo.isEmpty()) {
            Schema<?> schema = todo.pop();
            if (schema.get$ref() != null && schema.get$ref().startsWith(REF)) {
                String name = schema.get$ref().substring(REF.length());
                Schema<?> target = (Schema<?>) doc.getComponents().getSchemas().get(name);
                if (names.add(name) && target != null) {
                    todo.push(target);
                }
            }
            if (schema.getProperties() != null) {
                schema.getProperties().values().forEach(p -> todo.push((Schema<?>) p));
            }
            if (schema.getItems() != null) {
                todo.push(schema.getItems());
            }
            if (schema.getAdditionalProperties() instanceof Schema<?> values) {
                todo.push(values);
            }
            for (List<Schema> list : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
                if (list != null) {
                    list.forEach(s -> todo.push((Schema<?>) s));
                }
            }
        }
    }
}
