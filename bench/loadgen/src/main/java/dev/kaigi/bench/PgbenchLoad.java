package dev.kaigi.bench;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The baseline: the same transaction as bare SQL, driven by pgbench with the same number of
 * clients against the same database, on its own organization. pgbench runs twice, a warm-up that
 * is discarded and the measured run with a per-transaction log ({@code -l}) for the percentiles.
 */
final class PgbenchLoad {

    private static final Pattern TPS = Pattern.compile("^tps = ([0-9.]+) \\(without initial connection time\\)", Pattern.MULTILINE);
    private static final Pattern PROCESSED = Pattern.compile("^number of transactions actually processed: (\\d+)", Pattern.MULTILINE);
    private static final Pattern FAILED = Pattern.compile("^number of failed transactions: (\\d+)", Pattern.MULTILINE);
    private static final Pattern AVERAGE = Pattern.compile("^latency average = ([0-9.]+) ms", Pattern.MULTILINE);
    private static final Pattern STDDEV = Pattern.compile("^latency stddev = ([0-9.]+) ms", Pattern.MULTILINE);
    private static final Pattern STATEMENT = Pattern.compile("^\\s+([0-9.]+)\\s+(\\d+)\\s+(\\S.*)$");

    private final Args args;
    private final int clients;
    private final int threads;
    private final int warmup;
    private final int duration;

    /** The booking baseline (bookings/book.pgbench): its own 20 hosts, warm-up and measured run on separate days. */
    private static final LocalDate WARMUP_DAY0 = LocalDate.of(2031, 1, 1);
    private static final LocalDate MEASURED_DAY0 = LocalDate.of(2033, 1, 1);
    private static final int BOOKING_DAYS = 400;
    /** "seats", "bookings" or "reschedules" (reschedules/move.pgbench: the bookings' set-up and one booking per client). */
    private final String kind;
    private final boolean bookings;
    private UUID bookingType;
    private String hostPrefix;
    private String bookingPrefix;

    PgbenchLoad(Args args) {
        this.args = args;
        this.clients = args.integer("clients", 16);
        this.threads = args.integer("threads", 2);
        this.warmup = args.integer("warmup", 10);
        this.duration = args.integer("duration", 30);
        this.kind = args.get("kind", "seats");
        this.bookings = !"seats".equals(kind);
    }

    /** 20 hosts whose ids are {@code hostPrefix + lpad(i, 12, '0')} (the script computes them), a meeting type, and host_day rows for both runs. */
    private void setUpBookings(Db db, UUID orgId, Map<String, Object> result) throws java.sql.SQLException {
        SchedulingDb s = new SchedulingDb(db);
        String rnd = UUID.randomUUID().toString();
        hostPrefix = rnd.substring(0, 24);
        List<UUID> hosts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            hosts.add(UUID.fromString(hostPrefix + String.format("%012d", i)));
        }
        s.organization(orgId);
        s.hosts(orgId, hosts, "00:00", "23:59", true, false, 48);
        bookingType = UUID.randomUUID();
        s.meetingType(orgId, bookingType, "Bench demo", 30, 30, 365, 0, hosts);
        s.hostDays(orgId, WARMUP_DAY0, BOOKING_DAYS);
        s.hostDays(orgId, MEASURED_DAY0, BOOKING_DAYS);
        if (kind.equals("reschedules")) {
            placeBookings(s, orgId, WARMUP_DAY0.minusDays(1));
        }
        s.analyze();
        result.put("hosts", hosts.size());
        result.put("meeting_type_id", bookingType.toString());
    }

    /**
     * The booking each client moves: id {@code bookingPrefix + lpad(client, 12, '0')} on {@code day}
     * (before the moves' days), host client % 20 at the half-hour client / 20, so none overlaps; with
     * its host-day counted and its meeting-booked outbox row, as a booking leaves them.
     */
    private void placeBookings(SchedulingDb s, UUID orgId, LocalDate day) throws java.sql.SQLException {
        if (clients > 20 * 48) {
            throw new IllegalArgumentException("at most 960 clients: one half-hour of a host's day each");
        }
        bookingPrefix = UUID.randomUUID().toString().substring(0, 24);
        s.update("""
                insert into booking (id, org_id, host_user_id, meeting_type_id, meeting_type_name, conferencing_method, starts_at,
                    ends_at, blocked_from, blocked_to, host_day, host_time_zone, status, lead_name, lead_email, lead_company,
                    lead_locale, notes, via_public_page, created_at)
                select (? || lpad(c::text, 12, '0'))::uuid, ?, (? || lpad((c % 20)::text, 12, '0'))::uuid, ?, 'Bench demo', 'PHONE',
                       x.s, x.s + interval '30 minutes', x.s, x.s + interval '30 minutes', ?, 'Asia/Tokyo', 'BOOKED', 'Taro Yamada',
                       'lead@customer.example', 'Customer KK', 'ja', 'demo please', false, now()
                from generate_series(0, ? - 1) c
                     cross join lateral (select (?::date + make_interval(mins => c / 20 * 30)) at time zone 'Asia/Tokyo' as s) x""",
                bookingPrefix, orgId, hostPrefix, bookingType, day, clients, day);
        s.update("""
                insert into outbox (event_id, topic, event_key, event_type, source, subject, org_id, occurred_at, payload)
                select gen_random_uuid(), 'kaigi.scheduling.v1', host_user_id::text, 'kaigi.scheduling.meeting-booked.v1',
                       '/scheduling-service', id::text, org_id, now(), jsonb_build_object('bookingId', id)
                from booking where org_id = ?""", orgId);
        s.update("""
                insert into host_day (org_id, user_id, day, booked)
                select org_id, host_user_id, host_day, count(*) from booking where org_id = ? group by org_id, host_user_id, host_day""",
                orgId);
    }

    int run() throws Exception {
        Path script = Path.of(args.get("script")).toAbsolutePath();
        Path out = Path.of(args.get("out")).toAbsolutePath();
        Path logs = out.resolveSibling(out.getFileName().toString().replace(".json", "") + "-logs");
        Files.createDirectories(logs);
        try (Stream<Path> old = Files.list(logs)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        UUID orgId = UUID.randomUUID();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("script", Path.of(args.get("script")).toString());
        result.put("org_id", orgId.toString());
        result.put("clients", clients);
        result.put("threads", threads);
        result.put("warmup_s", warmup);
        result.put("duration_s", duration);

        try (Db db = new Db(args); CpuSampler cpu = new CpuSampler()) {
            if (bookings) {
                setUpBookings(db, orgId, result);
            } else {
                int purchased = args.integer("seats", 1_000_000_000);
                db.createOrganization(orgId, purchased);
                result.put("purchased_seats", purchased);
            }
            boolean statementStats = db.statementStatsAvailable();
            db.checkpoint();

            System.err.printf("bench: pgbench %s: %d clients, warm-up %d s, measuring %d s%n", script.getFileName(), clients, warmup, duration);
            String warm = pgbench(script, orgId, warmup, null, null, null, WARMUP_DAY0);
            long warmupTx = longOf(PROCESSED, warm);

            if (statementStats) {
                db.statementStatsAvailable(); // reset: statistics of the measured run only
            }
            cpu.track(args.all("cpu"), false).track(args.all("cpu-tree"), true)
                    .track("loadgen", ProcessHandle.current().pid(), false).start();
            String output;
            Map<String, Object> waits;
            try (Db.WaitSampler sampler = db.new WaitSampler(250)) {
                output = pgbench(script, orgId, duration, logs.resolve("pgbench_log").toString(), cpu, "-r", MEASURED_DAY0);
                waits = sampler.result();
            }
            Map<String, Object> cpuUse = cpu.stop();
            Files.writeString(out.resolveSibling(out.getFileName().toString().replace(".json", ".txt")), output);

            long processed = longOf(PROCESSED, output);
            double tps = Double.parseDouble(group(TPS, output));
            result.put("transactions", processed);
            result.put("throughput_per_s", Latency.round(tps, 1));
            result.put("failed_transactions", longOf(FAILED, output));
            LogSummary log = readLogs(logs);
            Map<String, Object> latency = Latency.summary(log.latency);
            latency.put("pgbench_average_ms", Double.parseDouble(group(AVERAGE, output)));
            String stddev = groupOrNull(STDDEV, output);
            latency.put("pgbench_stddev_ms", stddev == null ? null : Double.parseDouble(stddev));
            latency.put("source", "per-transaction log (pgbench -l), " + log.latency.getTotalCount() + " transactions");
            result.put("latency", latency);
            result.put("statement_latencies_ms", statements(output));
            result.put("per_second", log.perSecond);
            result.put("warmup_transactions", warmupTx);
            result.put("cpu", cpuUse);
            result.put("db_waits", waits);
            if (statementStats) {
                result.put("db_statements", db.topStatements(12, processed));
            }
            long transactions = warmupTx + processed;
            if (bookings) {
                SchedulingDb s = new SchedulingDb(db);
                Map<String, Object> counts = s.bookingCounts(orgId, 48);
                List<String> problems;
                if (kind.equals("reschedules")) {
                    // the clients' bookings, each moved once a transaction
                    problems = SchedulingDb.bookingProblems(s.moveCounts(orgId, counts), clients, 0);
                    problems.addAll(SchedulingDb.moveProblems(counts, transactions, 0));
                } else {
                    problems = SchedulingDb.bookingProblems(counts, transactions, 0);
                }
                counts.put("transactions", transactions);
                counts.put("ok", problems.isEmpty());
                counts.put("problems", problems);
                result.put("check", counts);
            } else {
                Map<String, Object> counts = db.seatCounts(orgId);
                result.put("check", ServiceLoad.check(counts, transactions, 0));
            }
            result.put("pg_version", db.version());
        }
        Json.write(out, result);
        Map<?, ?> check = (Map<?, ?>) result.get("check");
        System.err.printf("bench: pgbench %s: %.1f tps, p99 %s ms; check %s%n", script.getFileName(), (Double) result.get("throughput_per_s"),
                ((Map<?, ?>) result.get("latency")).get("p99_ms"), Boolean.TRUE.equals(check.get("ok")) ? "ok" : "FAILED " + check);
        return Boolean.TRUE.equals(check.get("ok")) ? 0 : 1;
    }

    private String pgbench(Path script, UUID orgId, int seconds, String logPrefix, CpuSampler cpu, String extra, LocalDate day0)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(args.get("pgbench", "pgbench"),
                "-n", "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(threads, clients)), "-T", Integer.toString(seconds),
                "-D", "org=" + orgId, "-f", script.toString(),
                "-h", args.get("pg-host", "127.0.0.1"), "-p", args.get("pg-port", "5432"), "-U", args.get("db-user")));
        if (bookings) {
            cmd.addAll(List.of("-D", "type=" + bookingType, "-D", "hp=" + hostPrefix, "-D", "day0=" + day0,
                    "-D", "nc=" + clients, "-D", "k=0"));
            if (bookingPrefix != null) {
                cmd.addAll(List.of("-D", "bp=" + bookingPrefix));
            }
        }
        if (logPrefix != null) {
            cmd.addAll(List.of("-l", "--log-prefix=" + logPrefix));
        }
        if (extra != null) {
            cmd.add(extra);
        }
        cmd.add(args.get("db"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", args.get("db-password"));
        Process p = pb.start();
        if (cpu != null) {
            cpu.trackLate("pgbench", p.pid());
        }
        String output = new String(p.getInputStream().readAllBytes());
        int exit = p.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("pgbench exited with " + exit + ":\n" + output);
        }
        return output;
    }

    private record LogSummary(Histogram latency, List<Long> perSecond) {
    }

    /** Lines of {@code pgbench -l}: client_id transaction_no time(µs) script_no time_epoch time_us [...]. */
    private LogSummary readLogs(Path dir) throws IOException {
        Histogram h = Latency.newHistogram();
        TreeMap<Long, Long> bySecond = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                try (Stream<String> lines = Files.lines(file)) {
                    lines.forEach(line -> {
                        String[] f = line.split(" ");
                        if (f.length >= 6 && f[2].chars().allMatch(Character::isDigit)) {
                            h.recordValue(Math.max(1, Long.parseLong(f[2])));
                            bySecond.merge(Long.parseLong(f[4]), 1L, Long::sum);
                        }
                    });
                }
            }
        }
        List<Long> perSecond = new ArrayList<>();
        if (!bySecond.isEmpty()) {
            for (long s = bySecond.firstKey(); s <= bySecond.lastKey(); s++) {
                perSecond.add(bySecond.getOrDefault(s, 0L));
            }
        }
        return new LogSummary(h, perSecond);
    }

    private static List<Map<String, Object>> statements(String output) {
        List<Map<String, Object>> list = new ArrayList<>();
        boolean inSection = false;
        for (String line : output.split("\n")) {
            if (line.startsWith("statement latencies")) {
                inSection = true;
                continue;
            }
            Matcher m = STATEMENT.matcher(line);
            if (inSection && m.matches()) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("statement", m.group(3).strip());
                s.put("latency_ms", Double.parseDouble(m.group(1)));
                s.put("failures", Long.parseLong(m.group(2)));
                list.add(s);
            }
        }
        return list;
    }

    private static long longOf(Pattern p, String output) {
        String v = groupOrNull(p, output);
        return v == null ? 0 : Long.parseLong(v);
    }

    private static String group(Pattern p, String output) {
        String v = groupOrNull(p, output);
        if (v == null) {
            throw new IllegalStateException("pgbench output has no '" + p.pattern() + "':\n" + output);
        }
        return v;
    }

    private static String groupOrNull(Pattern p, String output) {
        Matcher m = p.matcher(output);
        return m.find() ? m.group(1) : null;
    }
}
