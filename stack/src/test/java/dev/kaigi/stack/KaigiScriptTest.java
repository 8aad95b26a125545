package dev.kaigi.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The variables {@code ./kaigi up} hands each service are ones the service reads: a renamed property fails
 * here, not as a service silently running on its localhost default.
 */
class KaigiScriptTest {

    static final List<String> SERVICES = ServiceConfiguration.SERVICES;
    private static String script;

    @BeforeAll
    static void read() throws IOException {
        script = Files.readString(ServiceConfiguration.root().resolve("kaigi"));
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("SERVICES")
    @DisplayName("./kaigi configures each service only through variables its application.properties reads")
    void scriptVariablesAreRead(String service) {
        ServiceConfiguration config = ServiceConfiguration.of(service);
        Set<String> given = variablesGivenTo(service);
        assertTrue(given.contains(DockerComposeTest.dbUrlVariable(service)), service + " gets its database: " + given);
        assertTrue(given.contains(config.portVariable()), service + " gets its port: " + given);
        for (String variable : given) {
            assertTrue(config.reads(variable), "./kaigi sets " + variable + " for " + service + ", which it does not read");
        }
        config.variables().forEach((name, fallback) -> {
            if (fallback.equals(ServiceConfiguration.REQUIRED)) {
                assertTrue(given.contains(name), "./kaigi must set " + name + " for " + service);
            }
        });
    }

    @Test
    @DisplayName("The user-service secret ./kaigi passes is the realm's")
    void userServiceSecret() throws IOException {
        var realm = new ObjectMapper().readTree(ServiceConfiguration.root().resolve("deploy/keycloak/kaigi-realm.json").toFile());
        Matcher m = Pattern.compile("KAIGI_USER_SERVICE_CLIENT_SECRET=([\\w-]+)").matcher(script);
        assertTrue(m.find());
        assertEquals(KeycloakRealmTest.clientSecret(realm, "user-service"), m.group(1));
    }

    /** The KAIGI_* variables start_service passes to {@code service}: the common ones and its own case branch. */
    private static Set<String> variablesGivenTo(String service) {
        Set<String> given = new LinkedHashSet<>();
        String common = section("service_env() {", "\n}");
        collect(common, given);
        String branch = section("        " + service + ")", ";;");
        collect(branch, given);
        Matcher dbVariable = Pattern.compile("service_env \"\\$name\" \"\\$\\w+\" (KAIGI_\\w+)").matcher(branch);
        assertTrue(dbVariable.find(), "start_service's branch for " + service + " names its database variable");
        given.add(dbVariable.group(1));
        return given;
    }

    private static void collect(String text, Set<String> into) {
        Matcher m = Pattern.compile("\"(KAIGI_[A-Z0-9_]+)=").matcher(text);
        while (m.find()) {
            into.add(m.group(1));
        }
    }

    private static String section(String start, String end) {
        int from = script.indexOf(start, script.indexOf("start_service() {") > 0 && start.startsWith("        ")
                ? script.indexOf("start_service() {") : 0);
        assertTrue(from >= 0, "kaigi has no " + start.strip());
        return script.substring(from, script.indexOf(end, from + start.length()));
    }
}
