package dev.kaigi.bench;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Event propagation: {@code user-deactivated} on the broker → that host ineligible in
 * scheduling-service. The event is published as user-service's outbox relay would (CloudEvents in
 * Kafka binary mode, keyed by the user id, exactly the headers of test-support's TestEvents); the
 * clock starts when the send is acknowledged by the broker (acks=all) and stops at the first
 * {@code GET /api/v1/hosts/{id}/eligibility} answering {@code eligible: false} with reason
 * {@code inactive}, polled back to back. One host per round, rounds one after the other.
 */
final class PropagationLoad {

    private final Args args;
    private final String baseUrl;
    private final HttpClient http;

    PropagationLoad(Args args) {
        this.args = args;
        this.baseUrl = args.get("base-url");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    int run() throws Exception {
        Path keys = Path.of(args.get("keys"));
        Tokens.requireReadable(keys);
        PrivateKey key = Tokens.privateKey(keys);
        int rounds = args.integer("rounds", 200);
        int warmupRounds = args.integer("warmup-rounds", 20);
        UUID org = UUID.randomUUID();
        UUID type = UUID.randomUUID();
        int hostsNeeded = rounds + warmupRounds;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("question", "user-deactivated on the broker -> host ineligible in scheduling-service (GET /api/v1/hosts/{id}/eligibility); target p99 <= 300 ms");
        out.put("rounds", rounds);
        out.put("warmup_rounds", warmupRounds);
        List<String> problems = new ArrayList<>();
        Histogram latency = Latency.newHistogram();
        long polls = 0;
        try (Db db = new Db(args); KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args.get("kafka"), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer())) {
            SchedulingDb s = new SchedulingDb(db);
            s.organization(org);
            List<UUID> hosts = s.hosts(org, SchedulingDb.randomIds(hostsNeeded), "00:00", "23:59", true, false);
            s.meetingType(org, type, "Propagation", 30, 30, 365, 0, hosts.subList(0, 1));
            String token = Tokens.user(key, org, UUID.randomUUID(), List.of("owner"), Duration.ofHours(3));
            Instant start = LocalDate.now(ZoneId.of(SchedulingDb.ZONE)).plusDays(3).atTime(10, 0).atZone(ZoneId.of(SchedulingDb.ZONE)).toInstant();
            System.err.printf("bench: propagation: %d rounds after %d warm-up rounds%n", rounds, warmupRounds);
            for (int i = 0; i < hostsNeeded; i++) {
                UUID user = hosts.get(i);
                HttpRequest get = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/hosts/" + user + "/eligibility?meetingType=" + type
                        + "&start=" + start)).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).GET().build();
                String before = http.send(get, HttpResponse.BodyHandlers.ofString()).body();
                if (!before.contains("\"eligible\":true")) {
                    problems.add("host " + i + " not eligible before the event: " + before);
                    continue;
                }
                String payload = """
                        {"orgId":"%s","userId":"%s","userType":"REGULAR","byUserId":null,"reason":"ADMIN"}""".formatted(org, user);
                ProducerRecord<String, byte[]> record = cloudEvent("kaigi.user.v1", "kaigi.user.deactivated.v1", "/user-service",
                        user.toString(), org, payload.getBytes(StandardCharsets.UTF_8));
                producer.send(record).get(30, TimeUnit.SECONDS);
                long t0 = System.nanoTime();
                long deadline = t0 + TimeUnit.SECONDS.toNanos(30);
                boolean seen = false;
                while (System.nanoTime() < deadline) {
                    String body = http.send(get, HttpResponse.BodyHandlers.ofString()).body();
                    polls++;
                    if (body.contains("\"eligible\":false")) {
                        if (!body.contains("inactive")) {
                            problems.add("host " + i + " ineligible for another reason: " + body);
                        }
                        seen = true;
                        break;
                    }
                }
                long micros = (System.nanoTime() - t0) / 1000;
                if (!seen) {
                    problems.add("host " + i + " still eligible 30 s after user-deactivated");
                } else if (i >= warmupRounds) {
                    latency.recordValue(Math.max(1, micros));
                }
                Thread.sleep(20);
            }
            out.put("latency", Latency.summary(latency));
            out.put("polls", polls);
            long deactivated = s.count("select count(*) from host where org_id = ? and status = 'DEACTIVATED'", org);
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("hosts_deactivated_in_db", deactivated);
            if (deactivated != hostsNeeded) {
                problems.add(deactivated + " hosts DEACTIVATED in the database, expected " + hostsNeeded);
            }
            check.put("ok", problems.isEmpty());
            check.put("problems", problems.size() > 10 ? problems.subList(0, 10) : problems);
            out.put("check", check);
        }
        Json.write(Path.of(args.get("out")), out);
        System.err.printf("bench: propagation: p50 %s ms, p99 %s ms; check %s%n", ((Map<?, ?>) out.get("latency")).get("p50_ms"),
                ((Map<?, ?>) out.get("latency")).get("p99_ms"), problems.isEmpty() ? "ok" : "FAILED " + problems);
        return problems.isEmpty() ? 0 : 1;
    }

    /** A CloudEvent in Kafka binary mode, keyed by {@code key}, with the headers test-support's TestEvents (and the outbox relay) set. */
    static ProducerRecord<String, byte[]> cloudEvent(String topic, String type, String source, String key, UUID org, byte[] payload) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, payload);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_type", type);
        header(record, "ce_source", source);
        header(record, "ce_subject", key);
        header(record, "ce_time", Instant.now().toString());
        header(record, "ce_orgid", org.toString());
        header(record, "content-type", "application/json");
        return record;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
