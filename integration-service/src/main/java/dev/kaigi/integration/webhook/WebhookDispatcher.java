package dev.kaigi.integration.webhook;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the due deliveries (HOOK-02, HOOK-03): one thread leases them from {@link WebhookQueue} as soon as one is
 * added (or every {@link WebhookConfig#pollEvery()} for retries and other instances' work), and each goes out
 * without blocking it: the host is resolved and checked ({@link WebhookTargets}) on a worker, the request is made
 * on Vert.x's event loop to the very address checked, and the outcome recorded on a worker. A slow or dead endpoint
 * thus ties up only its own subscription's in-flight window, never the thread that serves the others (HOOK-04).
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 64;
    /** How much of an endpoint's answer the delivery log keeps. */
    static final int EXCERPT_BYTES = 1024;
    private static final Object WAKE = new Object();
    private static final int MAX_CONNECTIONS_PER_HOST = 256;

    @Inject
    WebhookConfig config;
    @Inject
    WebhookQueue queue;
    @Inject
    WebhookTargets targets;
    @Inject
    WebhookDisabling disabling;
    @Inject
    Vertx vertx;

    private final BlockingQueue<Object> wakeups = new ArrayBlockingQueue<>(1);
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private ExecutorService workers;
    private HttpClient http;
    private Thread loop;

    void start(@Observes StartupEvent started) {
        workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "webhook-worker");
            t.setDaemon(true);
            return t;
        });
        http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                // pools are per host and port, not per subscription: room for many subscriptions' windows on one
                // host, so a dead endpoint holding its window never starves a live one beside it
                .setMaxPoolSize(MAX_CONNECTIONS_PER_HOST)
                .setKeepAlive(true)
                .setVerifyHost(true));
        running.set(true);
        loop = new Thread(this::run, "webhook-dispatcher");
        loop.setDaemon(true);
        loop.start();
    }

    /** Lets the requests in flight end and their outcomes be recorded; one cut short is sent again after its lease. */
    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running.set(false);
        wake();
        long deadline = System.nanoTime() + config.requestTimeout().plusSeconds(1).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        workers.shutdown();
    }

    /** Something may be due now: a new delivery, or the end of one that held back its subject's next. */
    void wake() {
        wakeups.offer(WAKE);
    }

    private void run() {
        Duration lease = config.requestTimeout().plus(config.connectTimeout()).plusSeconds(30);
        while (running.get()) {
            try {
                List<WebhookQueue.Leased> leased = queue.lease(BATCH, lease);
                inFlight.addAndGet(leased.size());
                leased.forEach(d -> workers.execute(() -> send(d)));
                if (leased.size() < BATCH) {
                    wakeups.poll(config.pollEvery().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (running.get()) {
                    LOG.warn("webhook deliveries could not be leased; trying again", e);
                    sleepQuietly(config.pollEvery());
                }
            }
        }
    }

    private void send(WebhookQueue.Leased d) {
        Instant started = Instant.now();
        long startedNanos = System.nanoTime();
        WebhookTargets.Target target;
        try {
            target = targets.resolve(d.url());
        } catch (WebhookTargets.RefusedTarget refused) {
            finish(d, new WebhookQueue.Outcome(started, elapsed(startedNanos), null, refused.getMessage(), null));
            return;
        }
        long timestamp = started.getEpochSecond();
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.tls())
                .setURI(target.pathAndQuery())
                .setIdleTimeout(config.requestTimeout().toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "Kaigi-Webhooks/1")
                .putHeader("webhook-id", d.messageId())
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", WebhookSignature.header(d.messageId(), timestamp, d.payload(), d.secrets()));
        // the exchange runs on one event loop from its first step: callbacks attached from this worker thread to a
        // response the event loop is finishing could miss its end and wait forever
        vertx.runOnContext(ignored -> exchange(request, d.payload()).onComplete(result -> workers.execute(() ->
                finish(d, result.succeeded()
                        ? new WebhookQueue.Outcome(started, elapsed(startedNanos), result.result().status(), null,
                        result.result().excerpt())
                        : new WebhookQueue.Outcome(started, elapsed(startedNanos), null, error(result.cause()), null)))));
    }

    /** An endpoint's answer: its status and the start of its body. */
    private record Answer(int status, String excerpt) {
    }

    /**
     * Sends one request and reads the answer, bounded as a whole by {@link WebhookConfig#requestTimeout()}: the
     * connection, the sending and an answer that trickles or never ends all count, and the result comes once, in
     * time, whatever the endpoint does (an attempt without an outcome would be sent again only when its lease ran
     * out, and hold a place of its subscription's window until then).
     */
    private Future<Answer> exchange(RequestOptions options, String payload) {
        Promise<Answer> answer = Promise.promise();
        HttpClientRequest[] sent = {null};
        long deadline = vertx.setTimer(config.requestTimeout().toMillis(), id -> {
            if (answer.tryFail(new TimeoutException("no complete answer within " + config.requestTimeout()))
                    && sent[0] != null) {
                sent[0].reset(); // frees the connection
            }
        });
        http.request(options)
                .compose(req -> {
                    sent[0] = req;
                    return req.send(payload);
                })
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(),
                        text(body.length() > EXCERPT_BYTES ? body.getBuffer(0, EXCERPT_BYTES) : body))))
                .onComplete(result -> {
                    vertx.cancelTimer(deadline);
                    if (result.succeeded()) {
                        answer.tryComplete(result.result());
                    } else {
                        answer.tryFail(result.cause());
                    }
                });
        return answer.future();
    }

    private void finish(WebhookQueue.Leased d, WebhookQueue.Outcome outcome) {
        try {
            WebhookDisabling.Reason disable = queue.record(d, outcome);
            if (disable != null) {
                disabling.disable(d.subscriptionId(), disable);
            }
        } catch (RuntimeException e) {
            // the lease runs out and the delivery is attempted again, under the same webhook-id
            LOG.warnf(e, "webhook delivery %s: the outcome of attempt %d could not be recorded", d.id(), d.attempt());
        } finally {
            inFlight.decrementAndGet();
        }
        wake();
    }

    private static long elapsed(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private static String text(Buffer excerpt) {
        return excerpt.length() == 0 ? null : new String(excerpt.getBytes(), StandardCharsets.UTF_8).replace("\u0000", "");
    }

    private static String error(Throwable cause) {
        String name = cause.getClass().getSimpleName();
        String message = cause.getMessage() == null ? name : name + ": " + cause.getMessage();
        return message.length() > 300 ? message.substring(0, 300) : message;
    }

    private static void sleepQuietly(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
