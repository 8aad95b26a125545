package dev.kaigi.integration.webhook;

import dev.kaigi.chassis.problem.ProblemException;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HOOK-01, HOOK-03, HOOK-04: where a webhook may go, decided as production decides it (no allowances), and its retries. */
class WebhookTargetsTest {

    private static final AtomicReference<List<String>> DNS = new AtomicReference<>(List.of("93.184.215.14"));

    private static final HostResolver RESOLVER = new HostResolver() {
        @Override
        public List<InetAddress> resolve(String host) throws UnknownHostException {
            if (host.endsWith(".invalid")) {
                throw new UnknownHostException(host);
            }
            List<InetAddress> answers = new java.util.ArrayList<>();
            for (String ip : DNS.get()) {
                answers.add(InetAddress.getByName(ip));
            }
            return answers;
        }
    };

    private static WebhookTargets production() {
        return new WebhookTargets(config(false, false), RESOLVER);
    }

    @Test
    @DisplayName("HOOK-04: loopback, private, carrier-grade NAT, link-local, metadata, multicast and IPv4-in-IPv6 forms of them are not public")
    void addressesThatAreNotPublic() throws Exception {
        for (String ip : List.of("127.0.0.1", "127.8.9.10", "0.0.0.0", "10.0.0.1", "172.16.5.4", "172.31.255.255",
                "192.168.1.1", "100.64.0.1", "169.254.169.254", "224.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "::",
                "fe80::1", "fc00::1", "fd00:ec2::254", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1",
                "64:ff9b::a9fe:a9fe", "ff02::1")) {
            assertFalse(AddressRules.isPublic(InetAddress.getByName(ip)), ip);
        }
        for (String ip : List.of("93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::6810:84e5",
                "::ffff:8.8.8.8")) {
            assertTrue(AddressRules.isPublic(InetAddress.getByName(ip)), ip);
        }
        AddressRules loopbackAllowed = new AddressRules(false, List.of("127.0.0.1/32", "10.1.0.0/16"));
        assertTrue(loopbackAllowed.allowed(InetAddress.getByName("127.0.0.1")));
        assertTrue(loopbackAllowed.allowed(InetAddress.getByName("10.1.200.3")));
        assertFalse(loopbackAllowed.allowed(InetAddress.getByName("127.0.0.2")));
        assertFalse(loopbackAllowed.allowed(InetAddress.getByName("10.2.0.1")));
    }

    @Test
    @DisplayName("HOOK-01: HTTPS only, unless the deployment allows HTTP; no credentials, no fragment, a name that resolves")
    void urls() {
        DNS.set(List.of("93.184.215.14"));
        assertEquals("https://hooks.example.com/kaigi?x=1", production().check("https://hooks.example.com/kaigi?x=1"));
        Map.of("http://hooks.example.com/kaigi", "webhook-url-not-https",
                "https://u:p@hooks.example.com/", "webhook-url-invalid",
                "https://hooks.example.com/#frag", "webhook-url-invalid",
                "hooks.example.com/kaigi", "webhook-url-invalid",
                "https://nowhere.invalid/", "webhook-url-unresolved",
                "https://" + "a".repeat(2001) + ".com/", "webhook-url-invalid")
                .forEach((url, reason) -> assertEquals(reason, reason(() -> production().check(url)), url));
        assertEquals("http://hooks.example.com/kaigi",
                new WebhookTargets(config(true, false), RESOLVER).check("http://hooks.example.com/kaigi"));
    }

    @Test
    @DisplayName("HOOK-04: a name resolving to a private address is refused when saved; one that turns private since (DNS rebinding) is refused at delivery")
    void rebinding() throws Exception {
        DNS.set(List.of("93.184.215.14", "10.0.0.5"));
        assertEquals("webhook-url-private", reason(() -> production().check("https://hooks.example.com/")));
        DNS.set(List.of("93.184.215.14"));
        String saved = production().check("https://hooks.example.com:8443/in");
        WebhookTargets.Target target = production().resolve(saved);
        assertEquals("93.184.215.14", target.address().getHostAddress());
        assertEquals("hooks.example.com", target.host());
        assertEquals(8443, target.port());
        assertEquals("/in", target.pathAndQuery());
        DNS.set(List.of("169.254.169.254"));
        WebhookTargets.RefusedTarget refused = assertThrows(WebhookTargets.RefusedTarget.class, () -> production().resolve(saved));
        assertEquals("address-refused", refused.getMessage());
        assertTrue(new AddressRules(true, List.of()).allowed(InetAddress.getByName("169.254.169.254")),
                "a deployment that allows private targets reaches them");
    }

    @Test
    @DisplayName("HOOK-03: the default retries, jitter aside, span at least 24 hours with growing waits")
    void retriesSpanADay() throws Exception {
        String defaults = WebhookConfig.class.getMethod("retryDelays").getAnnotation(WithDefault.class).value();
        List<Duration> delays = Arrays.stream(defaults.split(",")).map(d -> new DurationConverter().convert(d)).toList();
        Duration total = delays.stream().reduce(Duration.ZERO, Duration::plus);
        assertTrue(total.compareTo(Duration.ofHours(24)) >= 0, "retries span " + total);
        for (int i = 1; i < delays.size(); i++) {
            assertTrue(delays.get(i).compareTo(delays.get(i - 1)) >= 0, "waits never shrink: " + delays);
        }
    }

    private static String reason(Runnable check) {
        ProblemException e = assertThrows(ProblemException.class, check::run);
        assertEquals("url", e.violations().get(0).field());
        return e.violations().get(0).code();
    }

    private static WebhookConfig config(boolean allowHttp, boolean allowPrivate) {
        return new WebhookConfig() {
            public boolean allowHttp() {
                return allowHttp;
            }

            public boolean allowPrivateTargets() {
                return allowPrivate;
            }

            public Optional<List<String>> allowedPrivateNetworks() {
                return Optional.empty();
            }

            public List<Duration> retryDelays() {
                return List.of(Duration.ofSeconds(5));
            }

            public Duration disableAfter() {
                return Duration.ofDays(3);
            }

            public Duration requestTimeout() {
                return Duration.ofSeconds(10);
            }

            public Duration connectTimeout() {
                return Duration.ofSeconds(3);
            }

            public int inFlightPerSubscription() {
                return 8;
            }

            public Duration pollEvery() {
                return Duration.ofSeconds(1);
            }

            public Duration defaultRotationOverlap() {
                return Duration.ofHours(24);
            }
        };
    }
}
