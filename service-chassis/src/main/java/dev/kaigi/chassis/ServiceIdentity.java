package dev.kaigi.chassis;

import io.smallrye.config.ConfigMapping;

/** Who this service is: its name is the CloudEvents source and the default Kafka consumer group. */
@ConfigMapping(prefix = "kaigi.service")
public interface ServiceIdentity {

    /** e.g. {@code licensing-service}. */
    String name();

    default String eventSource() {
        return "/" + name();
    }
}
