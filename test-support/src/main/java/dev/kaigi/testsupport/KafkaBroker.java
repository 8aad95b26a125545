package dev.kaigi.testsupport;

import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

import java.util.Map;

/**
 * One real single-node KRaft Kafka broker per test JVM (Kafka's own test kit), reached through a
 * {@link SwitchableProxy} so that a test can take the broker off the network and bring it back.
 */
public final class KafkaBroker {

    private static KafkaClusterTestKit cluster;
    private static SwitchableProxy proxy;

    private KafkaBroker() {
    }

    /** Starts the broker on first use and returns the bootstrap address clients should use. */
    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            start();
        }
        return "localhost:" + proxy.port();
    }

    /** Cuts every client off the broker, as if it had crashed; {@link #reconnect()} brings it back. */
    public static synchronized void disconnect() {
        bootstrapServers();
        proxy.disconnect();
    }

    public static synchronized void reconnect() {
        bootstrapServers();
        proxy.connect();
    }

    private static void start() {
        keepTheJvmsExitStatus();
        try {
            // The broker advertises the proxy's address, so that every client connection, including
            // the ones made after metadata discovery, goes through the proxy.
            proxy = new SwitchableProxy();
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setPerServerProperties(Map.of(0, Map.of(
                            "advertised.listeners", "EXTERNAL://localhost:" + proxy.port())))
                    .build();
            cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("num.partitions", "3")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .build();
            cluster.format();
            cluster.startup();
            proxy.forwardTo(cluster.brokers().values().iterator().next()
                    .boundPort(ListenerName.normalised("EXTERNAL")));
            cluster.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(KafkaBroker::stopQuietly, "kafka-test-broker-stop"));
        } catch (Exception e) {
            throw new IllegalStateException("test Kafka broker did not start", e);
        }
    }

    /**
     * Kafka's test kit deletes the broker's data directory in a JVM shutdown hook of its own, which
     * runs at the same time as ours that stops the broker. A broker still running when its directory
     * vanishes halts the JVM with status 1 ("all log dirs have failed"), and surefire then fails a
     * module whose tests all passed ("Error occurred in starting fork": seen once in CI, with no dump,
     * and this is the one way we found for the JVM to end with an error after the last test). Our hook
     * stops the broker, and the kit's {@code close()} deletes the directory, so the kit's hooks are
     * not added; and the broker may not halt or exit the test JVM at all: a broker that failed
     * during the tests fails the tests that use it instead.
     */
    private static void keepTheJvmsExitStatus() {
        Exit.setShutdownHookAdder((name, hook) -> {
        });
        Exit.setHaltProcedure((status, message) -> System.err.printf("test Kafka broker: halt(%d) ignored: %s%n", status, message));
        Exit.setExitProcedure((status, message) -> System.err.printf("test Kafka broker: exit(%d) ignored: %s%n", status, message));
    }

    private static void stopQuietly() {
        try {
            proxy.close();
            cluster.close();
        } catch (Exception ignored) {
            // the JVM is exiting
        }
    }
}
