package dev.kaigi.faults.history;

import dev.kaigi.faults.stack.ServiceProcess;
import dev.kaigi.faults.stack.Stack;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The faults injected during the history run, each logged with when it started and how long it took. */
final class Faults {

    private final Stack stack;
    private final long start = System.nanoTime();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    Faults(Stack stack) {
        this.stack = stack;
    }

    /** pg_terminate_backend on every connection of scheduling-service and licensing-service: in-flight transactions die. */
    void terminateDatabaseConnections() throws Exception {
        long t = System.nanoTime();
        int killed = 0;
        try (Connection c = Stack.db(Stack.SCHEDULING_DB); PreparedStatement s = c.prepareStatement(
                "select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity "
                        + "where datname in (?, ?) and pid <> pg_backend_pid() and backend_type = 'client backend'")) {
            s.setString(1, Stack.SCHEDULING_DB);
            s.setString(2, Stack.LICENSING_DB);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                killed = rs.getInt(1);
            }
        }
        record(t, "pg_terminate_backend: " + killed + " connections of scheduling-service and licensing-service");
    }

    /** kill -9 of the broker, then a start on the same port and data: acknowledged records survive, clients reconnect. */
    void restartKafka() throws Exception {
        long t = System.nanoTime();
        stack.kafka.kill();
        Thread.sleep(2000); // clients notice the broker is gone
        stack.kafka.start();
        record(t, "Kafka broker kill -9 and restart");
    }

    /** kill -9 of one service instance, then a start of it on the same port (ready again). */
    void killAndRestart(ServiceProcess service) throws Exception {
        long t = System.nanoTime();
        service.kill();
        Thread.sleep(1000);
        service.start();
        record(t, "kill -9 and restart of " + service.name());
    }

    private void record(long startedNanos, String what) {
        long now = System.nanoTime();
        log.add(String.format("t=%.1fs %s (%.1f s)", (startedNanos - start) / 1e9, what, (now - startedNanos) / 1e9));
    }
}
