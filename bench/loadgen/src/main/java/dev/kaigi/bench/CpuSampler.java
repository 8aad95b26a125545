package dev.kaigi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * Who used the CPUs during a measured window, from {@code /proc}: each named process (or process
 * tree, for PostgreSQL's backends), the whole machine, and the rest ("other": builds sharing the
 * machine). On two shared cores this says more about a result than any latency figure.
 */
final class CpuSampler implements AutoCloseable {

    /** Linux reports CPU time in clock ticks of USER_HZ, which is 100 on every mainstream architecture. */
    private static final double TICKS_PER_SECOND = 100.0;

    private record Group(String name, long pid, boolean tree) {
    }

    private final List<Group> groups = new CopyOnWriteArrayList<>();
    /** Processes whose threads are also accounted by thread name (the JVM under test: JIT, GC, request threads). */
    private final Map<String, Long> byThread = new LinkedHashMap<>();
    /** "pid/tid" → {ticks at first sight, ticks at last sight}, and its thread-name category. */
    private final Map<String, long[]> threadTicks = new HashMap<>();
    private final Map<String, String> threadCategory = new HashMap<>();
    /** pid → {group index, ticks at first sight, ticks at last sight} */
    private final Map<Long, long[]> seen = new HashMap<>();
    private long[] machineFirst;
    private long[] machineLast;
    private long startNanos;
    private Thread thread;
    private volatile boolean running;

    /** Tracks {@code pid} alone, or with all its descendants when {@code tree}. Ignored when pid is not positive. */
    CpuSampler track(String name, long pid, boolean tree) {
        if (pid > 0) {
            groups.add(new Group(name, pid, tree));
        }
        return this;
    }

    /** Also splits the CPU time of {@code pid} by thread name (digits dropped: "executor-thread-7" → "executor-thread"). */
    CpuSampler trackThreads(String name, long pid) {
        if (pid > 0) {
            byThread.put(name, pid);
        }
        return this;
    }

    /** Parses {@code name=pid} specs, as bench/run passes them. */
    CpuSampler track(List<String> specs, boolean tree) {
        for (String spec : specs) {
            String[] parts = spec.split("=", 2);
            track(parts[0], Long.parseLong(parts[1]), tree);
        }
        return this;
    }

    synchronized void start() {
        startNanos = System.nanoTime();
        machineFirst = machineTicks();
        sample(true);
        running = true;
        thread = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
                sample(false);
            }
        }, "cpu-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** A process started after {@link #start()} (pgbench): all its CPU time counts. */
    void trackLate(String name, long pid) {
        groups.add(new Group(name, pid, false));
    }

    /** CPU use over the window, in cores (1.0 = one core busy for the whole window). */
    synchronized Map<String, Object> stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
        sample(false);
        machineLast = machineTicks();
        double wall = (System.nanoTime() - startNanos) / 1e9;

        Map<String, Double> byGroup = new LinkedHashMap<>();
        for (Group g : groups) {
            byGroup.putIfAbsent(g.name(), 0.0);
        }
        for (long[] v : seen.values()) {
            String name = groups.get((int) v[0]).name();
            byGroup.merge(name, (v[2] - v[1]) / TICKS_PER_SECOND / wall, Double::sum);
        }
        long total = machineLast[0] - machineFirst[0];
        long idle = machineLast[1] - machineFirst[1];
        int cpus = Runtime.getRuntime().availableProcessors();
        double busyCores = total == 0 ? 0 : (double) (total - idle) / total * cpus;
        double accounted = byGroup.values().stream().mapToDouble(Double::doubleValue).sum();

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("window_s", Latency.round(wall, 2));
        result.put("cpus", cpus);
        result.put("machine_busy_cores", Latency.round(busyCores, 2));
        Map<String, Object> processes = new LinkedHashMap<>();
        byGroup.forEach((k, v) -> processes.put(k, Latency.round(v, 2)));
        processes.put("other", Latency.round(Math.max(0, busyCores - accounted), 2));
        result.put("cores_by_process", processes);
        for (Map.Entry<String, Long> p : byThread.entrySet()) {
            Map<String, Double> cats = new HashMap<>();
            String prefix = p.getValue() + "/";
            threadTicks.forEach((key, v) -> {
                if (key.startsWith(prefix)) {
                    cats.merge(threadCategory.get(key), (v[1] - v[0]) / TICKS_PER_SECOND / wall, Double::sum);
                }
            });
            Map<String, Object> top = new LinkedHashMap<>();
            cats.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue())).limit(10)
                    .filter(e -> e.getValue() >= 0.005)
                    .forEach(e -> top.put(e.getKey(), Latency.round(e.getValue(), 3)));
            result.put("cores_by_thread_of_" + p.getKey(), top);
        }
        return result;
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private synchronized void sample(boolean first) {
        for (long pid : byThread.values()) {
            sampleThreads(pid, first);
        }
        Map<Long, Long> parents = null;
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            Set<Long> pids = new HashSet<>();
            pids.add(g.pid());
            if (g.tree()) {
                if (parents == null) {
                    parents = parents();
                }
                pids.addAll(descendants(g.pid(), parents));
            }
            for (long pid : pids) {
                long ticks = ticks(pid);
                if (ticks < 0) {
                    continue;
                }
                long[] v = seen.get(pid);
                if (v == null) {
                    // a process born inside the window counts from zero; one alive at the start from then
                    seen.put(pid, new long[] {i, first ? ticks : 0, ticks});
                } else {
                    v[2] = ticks;
                }
            }
        }
    }

    private void sampleThreads(long pid, boolean first) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended
                }
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                String key = pid + "/" + task.getFileName();
                long[] v = threadTicks.get(key);
                if (v == null) {
                    threadTicks.put(key, new long[] {first ? ticks : 0, ticks});
                    threadCategory.put(key, comm.replaceAll("[-#]?\\d+$", "").strip());
                } else {
                    v[1] = ticks;
                }
            }
        } catch (IOException | RuntimeException e) {
            // process gone: nothing more to add
        }
    }

    private static List<Long> descendants(long root, Map<Long, Long> parents) {
        List<Long> found = new ArrayList<>();
        List<Long> frontier = new ArrayList<>(List.of(root));
        while (!frontier.isEmpty()) {
            List<Long> next = new ArrayList<>();
            for (Map.Entry<Long, Long> e : parents.entrySet()) {
                if (frontier.contains(e.getValue())) {
                    next.add(e.getKey());
                }
            }
            found.addAll(next);
            frontier = next;
        }
        return found;
    }

    private static Map<Long, Long> parents() {
        Map<Long, Long> parents = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit)).forEach(n -> {
                String[] f = statFields(Long.parseLong(n));
                if (f != null) {
                    parents.put(Long.parseLong(n), Long.parseLong(f[1]));
                }
            });
        } catch (IOException e) {
            // no /proc: nothing to attribute
        }
        return parents;
    }

    /** utime + stime of a live process, or -1. */
    private static long ticks(long pid) {
        String[] f = statFields(pid);
        return f == null ? -1 : Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** Fields of /proc/pid/stat after the command name: [0] = state, [1] = ppid, [11] = utime, [12] = stime. */
    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** {total, idle + iowait} ticks of all CPUs. */
    private static long[] machineTicks() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user..steal; guest time is already in user
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
