package dev.kaigi.chassis.inbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/** SQL of the inbox table; joins the caller's transaction. */
@ApplicationScoped
public class InboxStore {

    private final AgroalDataSource dataSource;

    @Inject
    public InboxStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Claims the event for this transaction and {@code consumer} ({@link EventHandler#consumer()}).
     * False when that consumer applied it before. A concurrent claim of the same id waits on the
     * primary key until the first transaction ends, so two instances can never both apply it.
     */
    boolean claim(String consumer, IncomingEvent<?> event) {
        String sql = """
                insert into inbox (consumer, event_id, event_type, topic, kafka_partition, kafka_offset)
                values (?, ?, ?, ?, ?, ?) on conflict (consumer, event_id) do nothing
                """;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, consumer);
            ps.setObject(2, event.id());
            ps.setString(3, event.type());
            ps.setString(4, event.topic());
            ps.setInt(5, event.partition());
            ps.setLong(6, event.offset());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record event " + event.id() + " in the inbox", e);
        }
    }

    /**
     * Forgets events applied longer ago than {@code age}. The inbox only has to outlive redelivery:
     * Kafka keeps records for days, not forever, so older ids can never come back.
     */
    int deleteAppliedBefore(Duration age) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from inbox where processed_at < now() - make_interval(secs => ?)")) {
            ps.setLong(1, age.toSeconds());
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not purge the inbox", e);
        }
    }
}
