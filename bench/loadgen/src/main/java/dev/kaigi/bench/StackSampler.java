package dev.kaigi.bench;

import com.sun.tools.attach.VirtualMachine;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A wall-clock profile of one thread of the service (the import worker is mostly off the CPU,
 * waiting for the database or licensing-service, so CPU samplers such as JFR's miss most of its
 * time): thread dumps through the attach API every {@code periodMillis} (no jcmd JVM per sample),
 * each sample classified by what the thread was doing and by the innermost Kaigi frame.
 * Opt-in ({@code BENCH_IMPORT_STACK_SAMPLES_MS}): every dump stops the service at a safepoint.
 */
final class StackSampler implements AutoCloseable {

    private final long pid;
    private final String threadPrefix;
    private final long periodNanos;
    private final Map<String, Long> byActivity = new TreeMap<>();
    private final Map<String, Long> byFrame = new TreeMap<>();
    private final Map<String, Long> byStack = new TreeMap<>();
    private final List<String> errors = new ArrayList<>();
    private long samples;
    private long dumpNanos;
    private Thread thread;
    private volatile boolean running;

    StackSampler(long pid, String threadPrefix, int periodMillis) {
        this.pid = pid;
        this.threadPrefix = threadPrefix;
        this.periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMillis);
    }

    StackSampler start() {
        running = true;
        thread = new Thread(this::loop, "stack-sampler");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    private void loop() {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (Exception e) {
            synchronized (this) {
                errors.add("attach: " + e);
            }
            return;
        }
        try {
            // HotSpotVirtualMachine.remoteDataDump (what jstack calls): the jar's manifest exports its package to us
            Method remoteDataDump = Class.forName("sun.tools.attach.HotSpotVirtualMachine").getMethod("remoteDataDump", Object[].class);
            long next = System.nanoTime();
            while (running) {
                long begin = System.nanoTime();
                String dump;
                try (InputStream in = (InputStream) remoteDataDump.invoke(vm, (Object) new Object[0])) {
                    // read as jstack does: readAllBytes stops after the first 4 KiB on this stream
                    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(256 * 1024);
                    byte[] buffer = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        bytes.write(buffer, 0, n);
                    }
                    dump = bytes.toString(StandardCharsets.UTF_8);
                } catch (Exception e) {
                    synchronized (this) {
                        errors.add("dump: " + e);
                    }
                    return;
                }
                long took = System.nanoTime() - begin;
                synchronized (this) {
                    dumpNanos += took;
                    record(dump);
                }
                next += periodNanos;
                ServiceLoad.sleepUntil(Math.max(next, System.nanoTime()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ReflectiveOperationException e) {
            synchronized (this) {
                errors.add("no thread dumps through the attach API: " + e);
            }
        } finally {
            try {
                vm.detach();
            } catch (Exception e) {
                // nothing to do
            }
        }
    }

    private void record(String dump) {
        for (String block : dump.split("\n\n")) {
            if (!block.startsWith("\"" + threadPrefix)) {
                continue;
            }
            List<String> frames = new ArrayList<>();
            for (String line : block.split("\n")) {
                String l = line.strip();
                if (l.startsWith("at ")) {
                    frames.add(l.substring(3));
                }
            }
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            byActivity.merge(activity(frames), 1L, Long::sum);
            String kaigi = frames.stream().filter(f -> f.startsWith("dev.kaigi.")).findFirst().orElse("(no Kaigi frame)");
            byFrame.merge(kaigi, 1L, Long::sum);
            // the innermost frames up to and including the innermost Kaigi frame: what the code was waiting in
            StringBuilder stack = new StringBuilder();
            for (String f : frames) {
                stack.append(stack.isEmpty() ? "" : " < ").append(f.replaceAll("\\(.*\\)", ""));
                if (f.startsWith("dev.kaigi.") || stack.length() > 600) {
                    break;
                }
            }
            byStack.merge(stack.toString(), 1L, Long::sum);
        }
    }

    /** What the thread was doing: reading a database answer, waiting for licensing-service, waiting for a lock, or computing. */
    private static String activity(List<String> frames) {
        String top = frames.get(0);
        boolean socketRead = top.contains("SocketDispatcher.read") || top.contains("NioSocketImpl") || top.contains("SocketInputStream")
                || top.contains("Net.poll");
        boolean jdbc = frames.stream().limit(40).anyMatch(f -> f.startsWith("org.postgresql."));
        boolean http = frames.stream().limit(60).anyMatch(f -> f.contains("rest.client") || f.contains("resteasy.reactive.client")
                || f.startsWith("java.net.http") || f.contains("RestClient") || f.contains("SeatBatchClient"));
        boolean parked = top.startsWith("jdk.internal.misc.Unsafe.park") || top.startsWith("java.lang.Object.wait")
                || top.startsWith("java.lang.Thread.sleep");
        if (jdbc && socketRead) {
            return "waiting for PostgreSQL (JDBC socket read)";
        }
        if (jdbc) {
            return "in the JDBC driver (CPU)";
        }
        if (http && (parked || socketRead)) {
            return "waiting for licensing-service (HTTP call)";
        }
        if (http) {
            return "in the REST client (CPU)";
        }
        if (parked) {
            return "parked / waiting (other)";
        }
        return "running Java (CPU or waiting for a core)";
    }

    synchronized Map<String, Object> result() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("thread", threadPrefix);
        r.put("samples", samples);
        r.put("mean_dump_ms", samples == 0 ? null : Latency.round(dumpNanos / 1e6 / samples, 1));
        r.put("by_activity", share(byActivity, 20));
        r.put("by_innermost_kaigi_frame", share(byFrame, 15));
        r.put("by_stack", share(byStack, 15));
        if (!errors.isEmpty()) {
            r.put("errors", errors);
        }
        return r;
    }

    private Map<String, Object> share(Map<String, Long> counts, int limit) {
        Map<String, Object> m = new LinkedHashMap<>();
        counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(limit)
                .forEach(e -> m.put(e.getKey(), Latency.round(100.0 * e.getValue() / Math.max(1, samples), 1)));
        return m;
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
