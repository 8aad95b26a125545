package dev.kaigi.scheduling.distribution;

import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.sql.NamedSql;
import dev.kaigi.chassis.sql.NamedStatement;
import dev.kaigi.scheduling.distribution.DistributionJson.DistributionView;
import dev.kaigi.scheduling.distribution.DistributionJson.HostDistribution;
import dev.kaigi.scheduling.eligibility.Reason;
import dev.kaigi.scheduling.meetingtype.BookableTypes.BookableType;
import dev.kaigi.scheduling.meetingtype.PoolShare;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * AVL-06: how a meeting type's meetings in a period went to its pool's hosts, against the shares their
 * weights aim at (AVL-05), and how often each could not take one, by the reason recorded when the
 * meeting's host was chosen. Reads only, without a transaction: two queries on one connection.
 */
@ApplicationScoped
public class DistributionReport {

    private static final NamedSql COUNTS = NamedSql.load(DistributionReport.class, "distribution.sql");
    private static final String NAMES = "select user_id, last_name, first_name from host where org_id = ? and user_id = any(?)";

    @Inject
    AgroalDataSource db;

    /** The counts of one host: meetings held, and passed over per reason code. */
    private static final class Counts {
        long meetings;
        final Map<String, Long> passedOver = new LinkedHashMap<>();

        Counts() {
            for (Reason r : Reason.values()) {
                passedOver.put(r.code(), 0L);
            }
        }
    }

    /** The report of {@code type} for meetings starting in [from, to), one page of hosts. */
    public DistributionView report(BookableType type, Instant from, Instant to, PageRequest page) {
        try (Connection c = db.getConnection()) {
            Map<UUID, Counts> counts = counts(c, type, from, to);
            long total = counts.values().stream().mapToLong(n -> n.meetings).sum();
            List<UUID> hosts = hostsInOrder(type, counts);
            List<UUID> onPage = hosts.subList(Math.min(page.offset(), hosts.size()), Math.min(page.offset() + page.size(), hosts.size()));
            Map<UUID, String[]> names = names(c, type.type().orgId, onPage);
            int weights = type.pool().stream().mapToInt(h -> type.share(h).weight()).sum();
            List<HostDistribution> items = new ArrayList<>(onPage.size());
            for (UUID host : onPage) {
                Counts n = counts.getOrDefault(host, new Counts());
                boolean inPool = type.pool().contains(host);
                PoolShare share = inPool ? type.share(host) : null;
                String[] name = names.getOrDefault(host, new String[2]);
                items.add(new HostDistribution(host, name[0], name[1], inPool, share == null ? null : share.weight(),
                        share == null ? null : share.priority(), n.meetings, ratio(n.meetings, total),
                        share == null ? 0 : ratio(share.weight(), weights), Collections.unmodifiableMap(n.passedOver)));
            }
            long pages = (hosts.size() + page.size() - 1) / page.size();
            return new DistributionView(type.type().id, from, to, total, items, page.page(), page.size(), hosts.size(), pages);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the distribution of meeting type " + type.type().id, e);
        }
    }

    private static Map<UUID, Counts> counts(Connection c, BookableType type, Instant from, Instant to) throws SQLException {
        Map<UUID, Counts> counts = new HashMap<>();
        try (NamedStatement st = COUNTS.prepare(c)) {
            st.set("org_id", type.type().orgId);
            st.set("meeting_type_id", type.type().id);
            st.setInstant("from", from);
            st.setInstant("to", to);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Counts n = counts.computeIfAbsent(rs.getObject("user_id", UUID.class), h -> new Counts());
                    String reason = rs.getString("reason");
                    if (reason == null) {
                        n.meetings = rs.getLong("meetings");
                    } else {
                        n.passedOver.merge(reason, rs.getLong("meetings"), Long::sum);
                    }
                }
            }
        }
        return counts;
    }

    /** The pool in its order, then hosts outside it who held or were passed over for meetings: most meetings first. */
    private static List<UUID> hostsInOrder(BookableType type, Map<UUID, Counts> counts) {
        Set<UUID> hosts = new LinkedHashSet<>(type.pool());
        counts.entrySet().stream().filter(e -> !hosts.contains(e.getKey()))
                .sorted(Comparator.comparingLong((Map.Entry<UUID, Counts> e) -> -e.getValue().meetings).thenComparing(Map.Entry::getKey))
                .forEach(e -> hosts.add(e.getKey()));
        return List.copyOf(hosts);
    }

    private static Map<UUID, String[]> names(Connection c, UUID orgId, List<UUID> hosts) throws SQLException {
        Map<UUID, String[]> names = new HashMap<>();
        if (hosts.isEmpty()) {
            return names;
        }
        try (PreparedStatement ps = c.prepareStatement(NAMES)) {
            ps.setObject(1, orgId);
            ps.setArray(2, c.createArrayOf("uuid", hosts.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getObject(1, UUID.class), new String[] {rs.getString(2), rs.getString(3)});
                }
            }
        }
        return names;
    }

    /** part / whole to four decimals; 0 when the whole is. */
    static double ratio(long part, long whole) {
        return whole == 0 ? 0 : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }
}
