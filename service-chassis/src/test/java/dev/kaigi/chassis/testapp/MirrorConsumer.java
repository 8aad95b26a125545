package dev.kaigi.chassis.testapp;

import dev.kaigi.chassis.inbox.EventSubscriber;
import dev.kaigi.chassis.inbox.EventSubscriptions;
import dev.kaigi.events.EventTypes;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Test subscriber with a consumer of its own, "mirror": records user-updated events in {@code mirrored_event}, in
 * consumer group chassis-test-mirror, beside the main consumer's {@link DeclaredRecorder} of the same events.
 */
@ApplicationScoped
public class MirrorConsumer implements EventSubscriber {

    public static final String NAME = "mirror";

    @Inject
    AgroalDataSource dataSource;

    @Override
    public String consumer() {
        return NAME;
    }

    @Override
    public void subscribe(EventSubscriptions on) {
        on.incoming(EventTypes.USER_UPDATED, e -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "insert into mirrored_event (event_id, user_id) values (?, ?)")) {
                ps.setObject(1, e.id());
                ps.setObject(2, e.data().userId());
                ps.executeUpdate();
            } catch (SQLException failure) {
                throw new IllegalStateException(failure);
            }
        }).batchable();
    }
}
