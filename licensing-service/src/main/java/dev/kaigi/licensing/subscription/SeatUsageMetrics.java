package dev.kaigi.licensing.subscription;

import dev.kaigi.events.licensing.Plan;
import dev.kaigi.events.licensing.SeatPool;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seat pool usage per plan, not per organization (one series per organization would grow without bound):
 * {@code kaigi_seat_pool_assigned_seats} and {@code kaigi_seat_pool_purchased_seats}, labelled {@code plan} and
 * {@code pool}, summed over the organizations on that plan. A background thread sums the counters every
 * {@code kaigi.licensing.seat-usage-every}, so a scrape never waits for the database.
 */
@ApplicationScoped
public class SeatUsageMetrics {

    private static final Logger LOG = Logger.getLogger(SeatUsageMetrics.class);
    private static final String SUMS = """
            select s.plan, p.pool, sum(p.assigned), sum(p.purchased)
            from seat_pool p join subscription s on s.org_id = p.org_id
            group by s.plan, p.pool
            """;

    /** The assigned and purchased seats of one plan's pool. */
    private record Usage(AtomicLong assigned, AtomicLong purchased) {
    }

    private final Map<Plan, Map<SeatPool, Usage>> usage = new EnumMap<>(Plan.class);
    private final AgroalDataSource db;
    private final Duration every;
    private ScheduledExecutorService refresher;

    @Inject
    public SeatUsageMetrics(MeterRegistry registry, AgroalDataSource db,
                            @ConfigProperty(name = "kaigi.licensing.seat-usage-every", defaultValue = "30s") Duration every) {
        this.db = db;
        this.every = every;
        for (Plan plan : Plan.values()) {
            Map<SeatPool, Usage> pools = new EnumMap<>(SeatPool.class);
            for (SeatPool pool : SeatPool.values()) {
                Usage u = new Usage(new AtomicLong(), new AtomicLong());
                gauge(registry, "kaigi.seat.pool.assigned", "Seats assigned, summed over the organizations on the plan", plan, pool, u.assigned());
                gauge(registry, "kaigi.seat.pool.purchased", "Seats purchased, summed over the organizations on the plan", plan, pool, u.purchased());
                pools.put(pool, u);
            }
            usage.put(plan, pools);
        }
    }

    private static void gauge(MeterRegistry registry, String name, String description, Plan plan, SeatPool pool, AtomicLong value) {
        Gauge.builder(name, value, AtomicLong::get).description(description).baseUnit("seats")
                .tag("plan", plan.name().toLowerCase(Locale.ROOT)).tag("pool", pool.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "seat-usage-metrics");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("seat usage not summed this time: %s", e.getMessage()); // the gauges keep the last sums
        }
    }

    /** Sums the seat pools now; a plan's pool no organization has reads 0. */
    public void refresh() throws SQLException {
        Map<Plan, Map<SeatPool, long[]>> sums = new EnumMap<>(Plan.class);
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(SUMS)) {
            while (rows.next()) {
                sums.computeIfAbsent(Plan.valueOf(rows.getString(1)), p -> new EnumMap<>(SeatPool.class))
                        .put(SeatPool.valueOf(rows.getString(2)), new long[] {rows.getLong(3), rows.getLong(4)});
            }
        }
        usage.forEach((plan, pools) -> pools.forEach((pool, u) -> {
            long[] sum = sums.getOrDefault(plan, Map.of()).getOrDefault(pool, new long[2]);
            u.assigned().set(sum[0]);
            u.purchased().set(sum[1]);
        }));
    }
}
