package dev.kaigi.licensing.seat;

import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.events.licensing.SeatAssigned;
import dev.kaigi.events.licensing.SeatPool;
import dev.kaigi.events.licensing.SeatReleaseReason;
import dev.kaigi.licensing.subscription.SubscriptionService;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Seats for many users at once, for user-service's CSV import (BLK-01, BLK-03, LIC-04). The pool's
 * counter row is locked for the whole batch, so the batch takes exactly the seats that are free and
 * no concurrent take can squeeze in between the count and the inserts; users are served in the
 * order given, so "rows past the last free seat" are the ones refused.
 */
@ApplicationScoped
class SeatBatchService {

    /** What a batch did: who holds a seat of the pool now, and who was refused one. */
    public record BatchResult(List<UUID> taken, List<UUID> refused) {
    }

    @Inject
    SubscriptionService subscriptionService;
    @Inject
    SeatService seats;
    @Inject
    EntityManager em;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    Outbox outbox;

    @Transactional
    public BatchResult take(UUID orgId, SeatPool pool, List<UUID> userIds) {
        subscriptionService.bootstrap(orgId);
        if (pool == SeatPool.TEAM) {
            seats.requireTeamLicences(orgId); // LIC-02, LIC-05: 409 for the whole batch
        }
        em.flush(); // the statements below go around Hibernate
        Set<UUID> requested = new LinkedHashSet<>(userIds);
        try (Connection c = dataSource.getConnection()) {
            int free = lockFreeSeats(c, orgId, pool);
            Map<UUID, SeatPool> held = heldSeats(c, orgId, requested);
            List<UUID> alreadyInPool = held.entrySet().stream().filter(e -> e.getValue() == pool).map(Map.Entry::getKey).toList();
            confirm(c, orgId, alreadyInPool);
            List<UUID> fresh = requested.stream().filter(u -> !held.containsKey(u)).limit(free).toList();
            registerUsers(c, orgId, pool, fresh);
            List<UUID> inserted = insertAssignments(c, orgId, pool, fresh);
            addAssigned(c, orgId, pool, inserted.size());
            outbox.publishAll(inserted.stream().map(u -> new SeatAssigned(orgId, u, pool)).toList());

            Set<UUID> holding = new java.util.HashSet<>(alreadyInPool);
            holding.addAll(inserted);
            return new BatchResult(requested.stream().filter(holding::contains).toList(),
                    requested.stream().filter(u -> !holding.contains(u)).toList());
        } catch (SQLException e) {
            throw new IllegalStateException("could not take a batch of seats", e);
        }
    }

    /** Undoes a batch user-service could not commit; idempotent like the single give-back. */
    @Transactional
    public void giveBack(UUID orgId, List<UUID> userIds) {
        for (UUID userId : new LinkedHashSet<>(userIds)) {
            seats.releaseForUser(orgId, userId, SeatReleaseReason.RETURNED_BY_USER_SERVICE);
        }
    }

    private static int lockFreeSeats(Connection c, UUID orgId, SeatPool pool) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select purchased - assigned from seat_pool where org_id = ? and pool = ? for update")) {
            ps.setObject(1, orgId);
            ps.setString(2, pool.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Math.max(0, rs.getInt(1)) : 0;
            }
        }
    }

    private static Map<UUID, SeatPool> heldSeats(Connection c, UUID orgId, Set<UUID> users) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select user_id, pool from seat_assignment where org_id = ? and user_id = any(?)")) {
            ps.setObject(1, orgId);
            ps.setArray(2, uuids(c, users));
            Map<UUID, SeatPool> held = new java.util.HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    held.put(rs.getObject(1, UUID.class), SeatPool.valueOf(rs.getString(2)));
                }
            }
            return held;
        }
    }

    /** A retried batch: seats already held are kept, and a release announced earlier no longer applies to them. */
    private static void confirm(Connection c, UUID orgId, List<UUID> users) throws SQLException {
        if (users.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "update seat_assignment set confirmed_at = now() where org_id = ? and user_id = any(?)")) {
            ps.setObject(1, orgId);
            ps.setArray(2, uuids(c, users));
            ps.executeUpdate();
        }
    }

    private static void registerUsers(Connection c, UUID orgId, SeatPool pool, List<UUID> users) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                insert into org_user (user_id, org_id, user_type, status, updated_at)
                select u, ?, ?, 'INVITED', now() from unnest(?) u
                on conflict (user_id) do nothing
                """)) {
            ps.setObject(1, orgId);
            ps.setString(2, pool.name());
            ps.setArray(3, uuids(c, users));
            ps.executeUpdate();
        }
    }

    /** Inserts the assignments; a user a concurrent single take served meanwhile is left out (unique key). */
    private static List<UUID> insertAssignments(Connection c, UUID orgId, SeatPool pool, List<UUID> users) throws SQLException {
        List<UUID> inserted = new ArrayList<>(users.size());
        try (PreparedStatement ps = c.prepareStatement("""
                insert into seat_assignment (id, org_id, user_id, pool, assigned_at)
                select gen_random_uuid(), ?, u, ?, now() from unnest(?) with ordinality as t(u, n) order by n
                on conflict (org_id, user_id) do nothing
                returning user_id
                """)) {
            ps.setObject(1, orgId);
            ps.setString(2, pool.name());
            ps.setArray(3, uuids(c, users));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return inserted;
    }

    /** Within the counter's CHECK by construction: the row is locked and at most {@code free} were inserted. */
    private static void addAssigned(Connection c, UUID orgId, SeatPool pool, int count) throws SQLException {
        if (count == 0) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "update seat_pool set assigned = assigned + ? where org_id = ? and pool = ?")) {
            ps.setInt(1, count);
            ps.setObject(2, orgId);
            ps.setString(3, pool.name());
            ps.executeUpdate();
        }
    }

    private static Array uuids(Connection c, java.util.Collection<UUID> ids) throws SQLException {
        return c.createArrayOf("uuid", ids.toArray());
    }
}
