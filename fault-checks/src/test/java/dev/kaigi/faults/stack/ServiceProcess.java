package dev.kaigi.faults.stack;

import dev.kaigi.testsupport.Await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One instance of a packaged service ({@code <module>/target/quarkus-app/quarkus-run.jar}) in the
 * production profile. Unlike test-support's {@code PackagedService} it keeps its port across
 * restarts, so clients and the other instances find it again after {@link #kill()} and {@link #start()},
 * and it can be killed with SIGKILL.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final Path log;
    private final int port = Ports.free();
    private final Map<String, String> config;
    private Process process;

    ServiceProcess(String name, Path jar, Path log, Map<String, String> config) {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar.toAbsolutePath() + " is missing: package the services first "
                    + "(./mvnw -B -ntp verify -pl fault-checks -am)");
        }
        this.name = name;
        this.jar = jar;
        this.log = log;
        this.config = new LinkedHashMap<>(config);
        this.config.put("quarkus.http.port", Integer.toString(port));
    }

    public String name() {
        return name;
    }

    public String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the process (again, after a stop or a kill) and waits until it is ready. */
    public synchronized void start() throws Exception {
        launch();
        awaitReady();
    }

    /** Starts the process without waiting: several instances then boot side by side. */
    synchronized void launch() throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        config.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toString());
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    void awaitReady() {
        Await.until(name + " ready on " + baseUri() + " (log: " + log.toAbsolutePath() + ")", () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUri() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }, Duration.ofSeconds(120));
    }

    /** kill -9: no shutdown hooks, no offsets committed, open transactions cut. */
    public synchronized void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the service finishes what it holds, commits its consumer offsets and leaves the group. */
    public synchronized void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            try {
                stop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
