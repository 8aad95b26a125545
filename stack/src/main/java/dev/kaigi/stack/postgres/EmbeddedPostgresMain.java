package dev.kaigi.stack.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The local stack's PostgreSQL 16 (zonky's embedded binaries, as in the tests), kept running until this
 * process is stopped. Its data directory survives restarts, so the stack keeps its data between
 * {@code ./kaigi down} and {@code up}; one database per service is created when missing.
 *
 * <pre>java -cp 'stack/target/classes:stack/target/lib/*' dev.kaigi.stack.postgres.EmbeddedPostgresMain DATA_DIR PORT DB...</pre>
 *
 * <p>A SIGTERM stops PostgreSQL (fast shutdown) before the JVM exits, so {@code ./kaigi down} leaves no
 * postmaster behind.
 */
public final class EmbeddedPostgresMain {

    private EmbeddedPostgresMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: EmbeddedPostgresMain DATA_DIR PORT [DATABASE...]");
            System.exit(2);
        }
        Path data = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        List<String> databases = List.of(args).subList(2, args.length);
        Files.createDirectories(data);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                // keep the data: an existing cluster is started as it is, a new one is initialised
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("max_connections", "200")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException e) {
                System.err.println("stack: stopping PostgreSQL failed: " + e);
            }
            stopped.countDown();
        }, "postgres-stop"));
        for (String database : databases) {
            createIfMissing(postgres, database);
        }
        System.out.println("stack: PostgreSQL ready on port " + port + " (data " + data + ", databases " + databases + ")");
        stopped.await();
    }

    private static void createIfMissing(EmbeddedPostgres postgres, String database) throws SQLException {
        if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database name must be a lower-case SQL identifier: " + database);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (!s.executeQuery("select 1 from pg_database where datname = '" + database + "'").next()) {
                s.execute("create database " + database);
            }
        }
    }
}
