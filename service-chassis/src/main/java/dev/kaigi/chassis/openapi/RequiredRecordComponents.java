package dev.kaigi.chassis.openapi;

import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.RecordComponentInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Marks {@code required} every property of a response record that Jackson always writes with a
 * value, so a generated client types it as present ({@code Booking.id: string}, not {@code id?}):
 * every record component except those annotated {@code @Nullable} (any annotation of that simple
 * name: the services use {@code dev.kaigi.events.Nullable}) and {@code Optional}s. Records whose
 * class leaves empty values out ({@code @JsonInclude} other than ALWAYS) declare their required
 * components themselves with {@code @Schema(required = true)}. Records that requests also use keep
 * what the scan found ({@code @NotNull}, {@code @Schema(required = true)}): marking a field required
 * there would oblige clients to send it.
 */
final class RequiredRecordComponents {

    private static final DotName RECORD = DotName.createSimple("java.lang.Record");
    private static final DotName SCHEMA = DotName.createSimple("org.eclipse.microprofile.openapi.annotations.media.Schema");
    private static final DotName JSON_INCLUDE = DotName.createSimple("com.fasterxml.jackson.annotation.JsonInclude");
    private static final DotName JSON_PROPERTY = DotName.createSimple("com.fasterxml.jackson.annotation.JsonProperty");
    private static final Set<String> OPTIONALS = Set.of("java.util.Optional", "java.util.OptionalInt", "java.util.OptionalLong",
            "java.util.OptionalDouble");

    private final IndexView index;

    RequiredRecordComponents(IndexView index) {
        this.index = index;
    }

    void apply(OpenAPI openAPI) {
        SchemaGraph graph = new SchemaGraph(openAPI);
        Set<String> responseOnly = new LinkedHashSet<>(graph.reachedFromResponses(openAPI));
        responseOnly.removeAll(graph.reachedFromRequests(openAPI));
        Map<String, List<ClassInfo>> records = recordsBySchemaName();
        for (String name : responseOnly) {
            Schema schema = graph.components().get(name);
            if (schema == null || schema.getProperties() == null) {
                continue;
            }
            // two records of one name and shape (a service's copy of a chassis record) agree on what is required
            Set<List<String>> answers = recordsOf(name, schema, records).stream()
                    .map(record -> required(record, schema)).collect(Collectors.toSet());
            if (answers.size() == 1 && answers.iterator().next() != null) {
                List<String> required = answers.iterator().next();
                schema.setRequired(required.isEmpty() ? null : required);
            }
        }
    }

    /** The properties {@code record} always writes, with those the schema already requires; null when it leaves values out. */
    private static List<String> required(ClassInfo record, Schema schema) {
        if (leavesValuesOut(record)) {
            return null;
        }
        List<String> required = new ArrayList<>(schema.getRequired() == null ? List.of() : schema.getRequired());
        for (RecordComponentInfo component : record.recordComponents()) {
            String property = jsonName(component);
            if (schema.getProperties().containsKey(property) && !required.contains(property) && alwaysWritten(component)) {
                required.add(property);
            }
        }
        return required;
    }

    /**
     * The records a schema may have been made from: by {@code @Schema(name)} or simple name, those whose
     * components are the schema's properties; else, for a generic record, by its name around the type
     * argument's ({@code Capped<JsonValue>} is scanned as {@code CappedJsonValue}).
     */
    private static List<ClassInfo> recordsOf(String schemaName, Schema schema, Map<String, List<ClassInfo>> records) {
        if (records.containsKey(schemaName)) {
            return records.get(schemaName).stream()
                    .filter(r -> r.recordComponents().stream().map(RequiredRecordComponents::jsonName)
                            .collect(Collectors.toSet()).equals(schema.getProperties().keySet()))
                    .toList();
        }
        return records.entrySet().stream()
                .filter(e -> (schemaName.endsWith(e.getKey()) || schemaName.startsWith(e.getKey())) && !schemaName.equals(e.getKey()))
                .flatMap(e -> e.getValue().stream())
                .filter(c -> !c.typeParameters().isEmpty())
                .toList();
    }

    private Map<String, List<ClassInfo>> recordsBySchemaName() {
        Map<String, List<ClassInfo>> byName = new HashMap<>();
        for (ClassInfo type : index.getKnownDirectSubclasses(RECORD)) {
            if (type.isRecord()) {
                byName.computeIfAbsent(schemaName(type), k -> new ArrayList<>()).add(type);
            }
        }
        return byName;
    }

    private static String schemaName(ClassInfo type) {
        AnnotationInstance schema = type.declaredAnnotation(SCHEMA);
        AnnotationValue name = schema == null ? null : schema.value("name");
        return name != null && !name.asString().isBlank() ? name.asString() : type.simpleName();
    }

    private static boolean leavesValuesOut(ClassInfo record) {
        AnnotationInstance include = record.declaredAnnotation(JSON_INCLUDE);
        return include != null && include.value() != null && !"ALWAYS".equals(include.value().asEnum());
    }

    private static String jsonName(RecordComponentInfo component) {
        AnnotationInstance property = component.annotation(JSON_PROPERTY);
        if (property == null) {
            property = component.field() == null ? null : component.field().annotation(JSON_PROPERTY);
        }
        return property != null && property.value() != null && !property.value().asString().isEmpty()
                ? property.value().asString() : component.name();
    }

    private static boolean alwaysWritten(RecordComponentInfo component) {
        boolean nullable = component.annotations().stream().anyMatch(a -> a.name().withoutPackagePrefix().equals("Nullable"));
        return !nullable && !OPTIONALS.contains(component.type().name().toString());
    }
}
