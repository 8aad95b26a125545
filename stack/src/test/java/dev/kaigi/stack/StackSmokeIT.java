package dev.kaigi.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kaigi.stack.seed.Api;
import dev.kaigi.stack.seed.Keycloak;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The whole system as a newcomer starts it: {@code ./kaigi up} on test ports with a fresh
 * data folder (embedded PostgreSQL, a Kafka broker process, Keycloak 26.7.3 with the realm, the simulators,
 * the four packaged services), {@code ./kaigi seed}, then through all four processes and the real broker:
 * a real Keycloak token accepted by every service, an invitation mailed, a booking whose meeting-booked
 * integration-service turns into a Zoom meeting and mails. {@code ./kaigi down} must leave no process.
 *
 * <p>Runs in the root build's verify (failsafe), after the services were packaged.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackSmokeIT {

    private static final Path ROOT = ServiceConfiguration.root();
    private static final Path HOME = Path.of(System.getProperty("kaigi.stack.home", ROOT.resolve("stack/target/e2e-stack").toString()));
    /** Away from the local stack's defaults, so a developer's running stack does not collide. */
    private static final Map<String, String> PORTS = Map.of("KAIGI_PG_PORT", "28432", "KAIGI_KAFKA_PORT", "28092",
            "KAIGI_KEYCLOAK_PORT", "28180", "KAIGI_USER_PORT", "28081", "KAIGI_SCHEDULING_PORT", "28082",
            "KAIGI_LICENSING_PORT", "28083", "KAIGI_INTEGRATION_PORT", "28084", "KAIGI_SIMULATOR_PORT", "28090", "KAIGI_SMTP_PORT", "28025");
    private static final String USER = "http://localhost:28081";
    private static final String SCHEDULING = "http://localhost:28082";
    private static final String INTEGRATION = "http://localhost:28084";
    private static final String SIMULATORS = "http://127.0.0.1:28090";
    private static final Keycloak KEYCLOAK = new Keycloak("http://localhost:28180");
    private static final Map<String, String> SERVICES = new LinkedHashMap<>(Map.of("user-service", USER, "scheduling-service", SCHEDULING,
            "licensing-service", "http://localhost:28083", "integration-service", INTEGRATION));

    private static final List<Long> started = new ArrayList<>();
    private static String seedOutput = "";
    /** The booking of {@link #bookAMeeting}: its lead, manage token, and another free start. */
    private static String lead;
    private static String manageToken;
    private static String otherStart;

    @BeforeAll
    static void up() throws Exception {
        deleteRecursively(HOME);
        Instant t0 = Instant.now();
        String upOutput = kaigi(Duration.ofMinutes(6), "up");
        System.out.println("stack: ./kaigi up took " + Duration.between(t0, Instant.now()).toSeconds() + " s\n" + upOutput);
        try (Stream<Path> pids = Files.list(HOME.resolve("pids"))) {
            pids.forEach(p -> started.add(Long.parseLong(read(p).strip())));
        }
        Instant t1 = Instant.now();
        seedOutput = kaigi(Duration.ofMinutes(3), "seed");
        System.out.println("stack: ./kaigi seed took " + Duration.between(t1, Instant.now()).toSeconds() + " s\n" + seedOutput);
    }

    @Test
    @Order(1)
    @DisplayName("A token from the realm is accepted by all four services with the tenant and roles the seed gave the owner")
    void realTokenAcceptedEverywhere() {
        String owner = KEYCLOAK.userToken("owner@demo.kaigi.dev");
        String orgId = Keycloak.claims(owner).path("org_id").asText();
        assertTrue(seedOutput.contains(orgId), "the token's org_id is the seeded organization: " + orgId);
        SERVICES.forEach((service, url) -> {
            JsonNode caller = Api.get(url + "/api/v1/caller", owner).expect(200).body();
            assertEquals(orgId, caller.path("orgId").asText(), service);
            assertTrue(caller.path("roles").toString().contains("owner") && caller.path("roles").toString().contains("super_admin"),
                    service + " reads the roles claim: " + caller);
            assertEquals(401, Api.get(url + "/api/v1/caller", owner.substring(0, owner.length() - 4) + "AAAA").status(),
                    service + " refuses a token whose signature does not match Keycloak's key");
        });
        JsonNode signIn = KEYCLOAK.signIn("owner@demo.kaigi.dev");
        assertEquals(List.of("kaigi"), audience(owner), "the realm's audience mapper");
        SERVICES.forEach((service, url) -> {
            assertEquals(401, Api.get(url + "/api/v1/caller", signIn.path("id_token").asText()).status(),
                    "SEC-01: " + service + " refuses the owner's ID token");
            assertEquals(401, Api.get(url + "/api/v1/caller", signIn.path("refresh_token").asText()).status(),
                    "SEC-01: " + service + " refuses the owner's refresh token");
        });
        JsonNode partner = Api.get(USER + "/api/v1/caller", KEYCLOAK.partnerToken()).expect(200).body();
        assertEquals(orgId, partner.path("orgId").asText(), "the seed gave the partner client the demo organization");
        assertTrue(partner.path("scopes").toString().contains("bookings:write"), partner.toString());
    }

    @Test
    @Order(2)
    @DisplayName("INV-01: an invited user's invitation mail leaves integration-service; the person accepts, sets a password in Keycloak's pages and signs in with it")
    void inviteUser() {
        String owner = KEYCLOAK.userToken("owner@demo.kaigi.dev");
        String profile = null;
        for (JsonNode p : Api.get(USER + "/api/v1/permission-profiles", owner).expect(200).body()) {
            if (p.path("system").asBoolean() && p.path("userType").asText().equals("REGULAR")) {
                profile = p.path("id").asText();
            }
        }
        String email = "new-hire-" + UUID.randomUUID().toString().substring(0, 8) + "@elsewhere.example";
        JsonNode user = Api.post(USER + "/api/v1/users", owner, Map.of("email", email, "firstName", "Sora", "lastName", "Mori",
                "role", "MEMBER", "userType", "REGULAR", "permissionProfileId", profile, "locale", "en")).expect(201).body();
        assertEquals("INVITED", user.path("status").asText(), "another domain than the super admin's is invited (INV-04)");
        JsonNode mail = awaitFirst(SIMULATORS + "/simulator/mails?to=" + Api.encode(email), "the invitation mail to " + email);
        assertTrue(mail.path("text").asText().contains("/invitations/"), "the mail carries the accept link: " + mail);

        // the invited person accepts, sets a password through Keycloak's mail and pages, and signs in with it
        Matcher invitation = Pattern.compile("/invitations/([A-Za-z0-9_-]{20,100})").matcher(mail.path("text").asText());
        assertTrue(invitation.find(), mail.toString());
        JsonNode accepted = Api.post(USER + "/api/v1/invitations/" + invitation.group(1) + "/accept", null, null).expect(200).body();
        JsonNode setup = awaitMail(email, m -> m.path("text").asText().contains("action-token"), "Keycloak's set-password mail to " + email);
        try {
            new KeycloakPasswordPages("http://localhost:28180").setPassword(KeycloakPasswordPages.linkIn(setup.path("text").asText()),
                    "sora-chooses-this-1");
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        String own = KEYCLOAK.userToken(email, "sora-chooses-this-1");
        assertEquals(accepted.path("userId").asText(), Keycloak.claims(own).path("uid").asText(), "the token is the new user's");
        assertEquals(email, Api.get(USER + "/api/v1/users/me", own).expect(200).body().path("email").asText());
    }

    /** The first mail to {@code to} that {@code wanted} accepts, waiting up to two minutes. */
    private static JsonNode awaitMail(String to, java.util.function.Predicate<JsonNode> wanted, String what) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode m : Api.get(SIMULATORS + "/simulator/mails?to=" + Api.encode(to), null).expect(200).body()) {
                if (wanted.test(m)) {
                    return m;
                }
            }
            sleep(500);
        }
        return fail("no " + what + " within two minutes");
    }

    @Test
    @Order(3)
    @DisplayName("A booking at the first free slot; meeting-booked is handled by integration-service (Zoom meeting, lead mail)")
    void bookAMeeting() {
        String owner = KEYCLOAK.userToken("owner@demo.kaigi.dev");
        String meetingType = null;
        for (JsonNode t : Api.get(SCHEDULING + "/api/v1/meeting-types", owner).expect(200).body().path("items")) {
            meetingType = t.path("id").asText();
        }
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
        JsonNode days = Api.get(SCHEDULING + "/api/v1/meeting-types/" + meetingType + "/availability?from=" + today + "&to="
                + today.plusDays(13) + "&timeZone=Asia%2FTokyo", owner).expect(200).body().path("days");
        String start = null;
        for (JsonNode day : days) {
            if (start == null && day.path("slots").size() > 1) {
                start = day.path("slots").path(day.path("slots").size() - 1).path("start").asText();
                otherStart = day.path("slots").path(0).path("start").asText();
            }
        }
        assertTrue(start != null, "the seed leaves free slots: " + days);
        lead = "lead-" + UUID.randomUUID().toString().substring(0, 8) + "@customer.example";
        JsonNode booking = Api.post(SCHEDULING + "/api/v1/bookings", owner, Map.of("meetingTypeId", meetingType, "start", start,
                "lead", Map.of("name", "Taro Yamada", "email", lead, "company", "Customer K.K."))).expect(201).body();
        assertEquals("BOOKED", booking.path("status").asText());
        manageToken = booking.path("manageToken").asText();

        JsonNode leadMail = awaitFirst(SIMULATORS + "/simulator/mails?to=" + Api.encode(lead), "the booking mail to the lead");
        assertTrue(leadMail.path("text").asText().contains("zoom.simulated.kaigi.dev/j/"),
                "the lead's mail carries the Zoom meeting integration-service created: " + leadMail);
        assertTrue(leadMail.path("text").asText().contains("/bookings/" + manageToken), "MTG-02: the manage link: " + leadMail);
        assertEquals("REQUEST", leadMail.path("calendar").asText(), "MTG-01: an invitation: " + leadMail);
    }

    @Test
    @Order(4)
    @DisplayName("MTG-02, MTG-03, MTG-06: the lead moves the meeting and cancels it through the manage link; the Zoom meeting "
            + "follows, and the lead gets an updated invitation and then the cancellation")
    void leadMovesAndCancelsThroughTheManageLink() {
        assertTrue(seedOutput.contains("moved by the lead") && seedOutput.contains("cancelled by the lead"),
                "./kaigi seed shows a booking's life: " + seedOutput);
        String link = SCHEDULING + "/api/v1/public/bookings/" + manageToken;
        assertEquals("BOOKED", Api.get(link, null).expect(200).body().path("status").asText());
        JsonNode moved = Api.post(link + "/reschedule", null, Map.of("start", otherStart)).expect(200).body();
        assertEquals(Instant.parse(Api.get(link, null).expect(200).body().path("start").asText()),
                OffsetDateTime.parse(otherStart).toInstant(), moved.toString());
        awaitMail(lead, 2, "REQUEST");
        assertEquals("CANCELLED", Api.post(link + "/cancel", null, Map.of("reason", "found another time")).expect(200).body()
                .path("status").asText());
        awaitMail(lead, 3, "CANCEL");
        JsonNode records = Api.get(SIMULATORS + "/simulator/records", null).expect(200).body();
        List<String> kinds = new ArrayList<>();
        records.forEach(r -> kinds.add(r.path("kind").asText()));
        assertTrue(kinds.contains("zoom-meeting-updated") && kinds.contains("zoom-meeting-deleted"),
                "the Zoom meeting was moved, then deleted: " + kinds);
    }

    /** Waits for the {@code n}-th mail to {@code to}, whose invitation has {@code method}. */
    private static void awaitMail(String to, int n, String method) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode mails = null;
        while (Instant.now().isBefore(deadline)) {
            mails = Api.get(SIMULATORS + "/simulator/mails?to=" + Api.encode(to), null).expect(200).body();
            if (mails.size() >= n) {
                JsonNode nth = mails.get(n - 1);
                assertEquals(method, nth.path("calendar").asText(), "mail " + n + " to the lead: " + nth);
                return;
            }
            sleep(250);
        }
        fail("no mail " + n + " to " + to + " within 60 s: " + mails);
    }

    @Test
    @Order(5)
    @DisplayName("INT-03, SCH-04: Salesforce is simulated: the owner connects the organization and the daily sync counts open opportunities")
    void salesforceConnectionAndSync() {
        String owner = KEYCLOAK.userToken("owner@demo.kaigi.dev");
        String base = INTEGRATION + "/api/v1/organization/salesforce-connection";
        String authorize = Api.post(base + "/authorization", owner, null).expect(200).body().path("authorizeUrl").asText();
        assertTrue(authorize.startsWith(SIMULATORS + "/services/oauth2/authorize?"), "the simulator's sign-in page: " + authorize);
        String back = Api.get(authorize + "&login_hint=" + Api.encode("sf-admin@demo.kaigi.dev"), null).header("Location");
        assertTrue(back != null && back.contains("code=") && back.contains("state="), "Salesforce sends the owner back: " + back);
        Map<String, String> answer = new LinkedHashMap<>();
        for (String pair : URI.create(back).getRawQuery().split("&")) {
            answer.put(pair.substring(0, pair.indexOf('=')), URLDecoder.decode(pair.substring(pair.indexOf('=') + 1), StandardCharsets.UTF_8));
        }
        JsonNode connection = Api.put(base, owner, Map.of("code", answer.get("code"), "state", answer.get("state"))).expect(200).body();
        assertEquals("sf-admin@demo.kaigi.dev", connection.path("accountEmail").asText(), connection.toString());
        JsonNode sync = Api.post(base + "/sync", owner, null).expect(200).body();
        assertTrue(sync.path("usersAsked").asInt() >= 4 && sync.path("ownersWithOpenOpportunities").asInt() >= 2,
                "member1@ and member2@ own one open opportunity each in the simulated organization: " + sync);
    }

    @AfterAll
    static void down() throws Exception {
        String output = kaigi(Duration.ofMinutes(3), "down");
        System.out.println(output);
        for (long pid : started) {
            ProcessHandle.of(pid).ifPresent(p -> assertTrue(!p.isAlive(), "pid " + pid + " still runs after ./kaigi down: "
                    + p.info().commandLine().orElse("?")));
        }
        String home = HOME.toString();
        long self = ProcessHandle.current().pid();
        List<String> left = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self && p.info().commandLine().map(c -> c.contains(home)).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
        assertEquals(List.of(), left, "processes of the stack left after ./kaigi down");
        assertTrue(!Files.exists(HOME.resolve("postgres/postmaster.pid")), "PostgreSQL is stopped");
    }

    private static JsonNode awaitFirst(String url, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonNode found = Api.get(url, null).expect(200).body();
            if (!found.isEmpty()) {
                return found.get(0);
            }
            sleep(250);
        }
        return fail("no " + what + " within 60 s; the simulators received: " + Api.get(SIMULATORS + "/simulator/records", null).body());
    }

    /** Runs ./kaigi with the test ports and data folder; its output, or a failure that shows it. */
    private static String kaigi(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("kaigi").toString()));
        command.addAll(List.of(args));
        Path log = Files.createDirectories(HOME.getParent()).resolve("kaigi-" + args[0] + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(PORTS);
        pb.environment().put("KAIGI_HOME", HOME.toString());
        // the services were packaged by this build; the test must not start another one
        pb.environment().put("KAIGI_BUILD", "never");
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
            fail("./kaigi " + String.join(" ", args) + " took longer than " + timeout.toSeconds() + " s:\n" + read(log) + logs());
        }
        String output = read(log);
        if (p.exitValue() != 0) {
            fail("./kaigi " + String.join(" ", args) + " failed (" + p.exitValue() + "):\n" + output + logs());
        }
        return output;
    }

    private static String logs() {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.list(HOME.resolve("logs"))) {
            files.sorted().forEach(f -> {
                List<String> lines = read(f).lines().toList();
                out.append("\n----- ").append(f.getFileName()).append(" (last 30 lines)\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
            });
        } catch (IOException e) {
            out.append("\n(no logs: ").append(e).append(')');
        }
        return out.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable " + file + ": " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** The {@code aud} claim of a token as a list (a single audience may come as a string). */
    private static List<String> audience(String token) {
        JsonNode aud = Keycloak.claims(token).path("aud");
        List<String> values = new ArrayList<>();
        if (aud.isArray()) {
            aud.forEach(a -> values.add(a.asText()));
        } else if (!aud.isMissingNode()) {
            values.add(aud.asText());
        }
        return values;
    }
}
