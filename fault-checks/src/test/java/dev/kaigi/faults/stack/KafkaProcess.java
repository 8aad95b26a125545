package dev.kaigi.faults.stack;

import dev.kaigi.testsupport.Await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node KRaft Kafka broker in a process of its own (not the test kit inside this JVM),
 * so that a fault can kill it with SIGKILL and start it again on the same port and log directory:
 * clients see a broker that crashed and came back with everything it had acknowledged.
 */
public final class KafkaProcess implements AutoCloseable {

    private final int port = Ports.free();
    private final int controllerPort = Ports.free();
    private final Path dir;
    private final Path properties;
    private Process process;

    KafkaProcess(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        // a fresh log every test JVM: an earlier run's topics and consumer offsets would leak its events into this one
        deleteTree(dir.resolve("data"));
        Files.createDirectories(dir.resolve("data"));
        properties = dir.resolve("server.properties");
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dir.resolve("data").toAbsolutePath(),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                ""));
        run(List.of("kafka.tools.StorageTool", "format", "--cluster-id=" + clusterId(), "-c", properties.toString(),
                "--ignore-formatted"), dir.resolve("format.log")).waitFor(60, TimeUnit.SECONDS);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker (again) and waits until it accepts connections. */
    public synchronized void start() throws Exception {
        process = run(List.of("kafka.Kafka", properties.toString()), dir.resolve("kafka.log"));
        Await.until("Kafka listening on port " + port + " (log: " + dir.resolve("kafka.log").toAbsolutePath() + ")",
                () -> process.isAlive() && Ports.listening(port), Duration.ofSeconds(60));
    }

    /** SIGKILL: no controlled shutdown, no flush beyond what the broker had already written. */
    public synchronized void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private Process run(List<String> mainAndArgs, Path log) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(ServiceProcess.javaBinary(), "-Xms128m", "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static String clusterId() {
        UUID u = UUID.randomUUID();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
