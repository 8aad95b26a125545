package dev.kaigi.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A service's packaged jar ({@code target/quarkus-app/quarkus-run.jar}) running as its own process
 * in the production profile, on the test JVM's PostgreSQL and Kafka: what {@code *IT} tests use to
 * run several instances of a service at once.
 */
public final class PackagedService implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private PackagedService(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts one instance of this module's service on a free port with database {@code database}, and waits until it is ready. */
    public static PackagedService start(String name, String database, Map<String, String> extraConfig) throws Exception {
        return start(Path.of("target", "quarkus-app", "quarkus-run.jar"), name, database, extraConfig);
    }

    /**
     * Starts another module's service, e.g. {@code ../licensing-service/target/quarkus-app/quarkus-run.jar}
     * (build it first: the root build packages licensing-service before user-service).
     */
    public static PackagedService start(Path jar, String name, String database, Map<String, String> extraConfig) throws Exception {
        int port = freePort();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run the package phase first");
        }
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m"));
        Map<String, String> config = new java.util.LinkedHashMap<>(Map.of(
                "quarkus.http.port", Integer.toString(port),
                "quarkus.datasource.jdbc.url", PostgresServer.database(database),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", PostgresServer.PASSWORD,
                "kafka.bootstrap.servers", KafkaBroker.bootstrapServers(),
                "quarkus.oidc.public-key", TestTokens.publicKey(),
                "quarkus.oidc.token.issuer", TestTokens.ISSUER,
                // tokens are verified with the public key alone: no identity server in tests
                "%prod.quarkus.oidc.auth-server-url", ""));
        config.putAll(extraConfig);
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        Path log = Path.of("target", name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PackagedService service = new PackagedService(process, port, log);
        service.awaitReady(Duration.ofSeconds(90));
        return service;
    }

    public String baseUri() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("instance exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUri() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("instance not ready within " + timeout + "; see " + log.toAbsolutePath());
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
