package dev.kaigi.faults.stack;

import dev.kaigi.testsupport.PostgresServer;
import dev.kaigi.testsupport.TestTokens;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the fault checks run against, started once per test JVM: one PostgreSQL (embedded, a database per
 * service), one Kafka broker as a process, two instances each of scheduling-service and licensing-service,
 * one of user-service and of integration-service (its mails go to {@link MailSink}), all packaged jars
 * in the production profile, accepting test-support's test tokens.
 */
public final class Stack {

    public static final String SCHEDULING_DB = "faults_scheduling";
    /** The manage links' key (MTG-02), which scheduling-service and integration-service share. */
    static final String MANAGE_LINK_SECRET = "ZmF1bHQtY2hlY2tzLW1hbmFnZS1saW5rLXNlY3JldC0zMmI=";
    public static final String LICENSING_DB = "faults_licensing";
    public static final String USER_DB = "faults_users";
    public static final String INTEGRATION_DB = "faults_integration";

    private static final List<AutoCloseable> STARTED = new CopyOnWriteArrayList<>();
    private static Stack instance;

    public final KafkaProcess kafka;
    public final MailSink mail;
    public final ZoomSink zoom;
    public final Events events;
    public final List<ServiceProcess> scheduling;
    public final List<ServiceProcess> licensing;
    public final ServiceProcess users;
    public final ServiceProcess integration;

    /** The running stack; the first call starts it (about a minute on two cores). */
    public static synchronized Stack get() throws Exception {
        if (instance == null) {
            // registered first, so that processes already started are stopped also when a later one fails to start
            Runtime.getRuntime().addShutdownHook(new Thread(Stack::stopAll, "fault-checks-stack-stop"));
            instance = new Stack();
        }
        return instance;
    }

    private Stack() throws Exception {
        Path root = Path.of(System.getProperty("kaigi.root", ".."));
        Path work = Files.createDirectories(Path.of("target", "fault-checks"));
        try (var logs = Files.newDirectoryStream(work, "*.{log,txt}")) {
            for (Path log : logs) {
                Files.delete(log); // this run's logs only (restarted processes append to theirs)
            }
        }
        PostgresServer.instance();
        kafka = new KafkaProcess(Files.createDirectories(work.resolve("kafka")));
        STARTED.add(kafka);
        kafka.start();
        mail = new MailSink();
        zoom = new ZoomSink();
        events = new Events(kafka.bootstrapServers());

        ServiceProcess lic1 = service(root, work, "licensing-service", "licensing-1", LICENSING_DB, Map.of());
        ServiceProcess lic2 = service(root, work, "licensing-service", "licensing-2", LICENSING_DB, Map.of());
        ServiceProcess sch1 = service(root, work, "scheduling-service", "scheduling-1", SCHEDULING_DB,
                Map.of("kaigi.booking.manage-link-secret", MANAGE_LINK_SECRET));
        ServiceProcess sch2 = service(root, work, "scheduling-service", "scheduling-2", SCHEDULING_DB,
                Map.of("kaigi.booking.manage-link-secret", MANAGE_LINK_SECRET));
        users = service(root, work, "user-service", "user-service", USER_DB, Map.of(
                "quarkus.rest-client.licensing.url", lic1.baseUri(),
                "quarkus.rest-client.licensing.read-timeout", "30000",
                "kaigi.service-account.token", TestTokens.service("user-service", Duration.ofHours(12))));
        integration = service(root, work, "integration-service", "integration-service", INTEGRATION_DB, Map.of(
                "kaigi.crypto.key", "ZmF1bHQtY2hlY2tzLW9ubHkta2V5LW5vdC1wcm9kISE=",
                "kaigi.mail.manage-link-secret", MANAGE_LINK_SECRET,
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(mail.port()),
                "quarkus.mailer.start-tls", "DISABLED",
                "kaigi.zoom.oauth-url", zoom.url(),
                "kaigi.zoom.api-url", zoom.url(),
                "kaigi.zoom.client-id", ZoomSink.CLIENT_ID,
                "kaigi.zoom.client-secret", ZoomSink.CLIENT_SECRET,
                "kaigi.zoom.redirect-uri", "https://app.faults.example/integrations/zoom/callback"));
        scheduling = List.of(sch1, sch2);
        licensing = List.of(lic1, lic2);
        // first instances (they migrate the databases), then the second ones: on two cores a
        // simultaneous start of six JVMs is no faster, only noisier
        for (ServiceProcess s : List.of(lic1, sch1, users, integration)) {
            s.launch();
        }
        for (ServiceProcess s : List.of(lic1, sch1, users, integration)) {
            s.awaitReady();
        }
        for (ServiceProcess s : List.of(lic2, sch2)) {
            s.launch();
        }
        for (ServiceProcess s : List.of(lic2, sch2)) {
            s.awaitReady();
        }
    }

    private ServiceProcess service(Path root, Path work, String module, String name, String database,
                                   Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of(
                "quarkus.datasource.jdbc.url", PostgresServer.database(database),
                "quarkus.datasource.username", PostgresServer.USER,
                "quarkus.datasource.password", PostgresServer.PASSWORD,
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "quarkus.oidc.public-key", TestTokens.publicKey(),
                "quarkus.oidc.token.issuer", TestTokens.ISSUER,
                // tokens are verified with the public key alone: no identity server here
                "%prod.quarkus.oidc.auth-server-url", ""));
        config.putAll(extra);
        ServiceProcess service = new ServiceProcess(name, root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar"),
                work.resolve(name + ".log"), config);
        STARTED.add(service);
        return service;
    }

    /** A connection to {@code database} as the superuser (reads, and faults such as pg_terminate_backend). */
    public static Connection db(String database) throws SQLException {
        return DriverManager.getConnection(PostgresServer.database(database), PostgresServer.USER, PostgresServer.PASSWORD);
    }

    /** Services first, then the broker, each by its own process handle. */
    private static void stopAll() {
        List<AutoCloseable> started = new ArrayList<>(STARTED);
        java.util.Collections.reverse(started);
        for (AutoCloseable c : started) {
            try {
                c.close();
            } catch (Exception ignored) {
                // the JVM is exiting
            }
        }
    }
}
