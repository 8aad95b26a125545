package dev.kaigi.testsupport;

import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

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

    private static void stopQuietly() {
        try {
            proxy.close();
            cluster.close();
        } catch (Exception ignored) {
            // the JVM is exiting
        }
    }
}
