package dev.kaigi.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Availability (SCH-09): {@code GET /api/v1/meeting-types/{id}/availability} for 14 days
 * of a 50-host pool with a month of bookings (AvailabilitySpeedTest's data: Mon–Fri 09–18 Tokyo,
 * lunch 12–13, cap 6, bookings at 10:00, 14:00 and 16:00 on every working day of the next 30
 * days; 30-minute meetings, 15-minute slots, 5-minute buffers), and a year's date overrides, time
 * off and closed days around and inside the range ({@link AvailabilityExceptions}: AVL-01..03).
 * Open model: requests leave at a constant rate whatever the answers do, and each latency counts
 * from the moment its request was due, so a stall shows as latency (no coordinated omission).
 */
final class AvailabilityLoad {

    static final String URI_LABEL = "uri=\"/api/v1/meeting-types/{id}/availability\"";
    static final int HOSTS = 50;

    private final Args args;
    private final String baseUrl;
    private final HttpClient http;

    AvailabilityLoad(Args args) {
        this.args = args;
        this.baseUrl = args.get("base-url");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    int run() throws Exception {
        Path keys = Path.of(args.get("keys"));
        Tokens.requireReadable(keys);
        PrivateKey key = Tokens.privateKey(keys);
        int rate = args.integer("rate", 20);
        int warmup = args.integer("warmup", 30);
        int duration = args.integer("duration", 30);
        ZoneId tokyo = ZoneId.of(SchedulingDb.ZONE);
        UUID org = UUID.randomUUID();
        UUID type = UUID.randomUUID();
        LocalDate from = LocalDate.now(tokyo).plusDays(1);
        LocalDate to = from.plusDays(13);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("question", "Availability of a 50-host pool with a month of bookings, date overrides, time off and closed days"
                + " over a 14-day range, over HTTP; target p99 <= 30 ms");
        out.put("rate_per_s", rate);
        out.put("warmup_s", warmup);
        out.put("duration_s", duration);
        out.put("range", from + " .. " + to + " Asia/Tokyo");
        try (Db db = new Db(args)) {
            SchedulingDb s = new SchedulingDb(db);
            s.organization(org);
            List<UUID> hosts = s.hosts(org, SchedulingDb.randomIds(HOSTS), "09:00", "18:00", false, true, 6);
            s.monthOfBookings(org);
            s.meetingType(org, type, "Perf", 30, 15, 60, 5, hosts);
            AvailabilityExceptions exceptions = new AvailabilityExceptions(HOSTS, from, to, tokyo);
            exceptions.write(db.connection(), org, hosts);
            s.analyze();
            out.put("seeded_bookings", s.count("select count(*) from booking where org_id = ?", org));
            out.put("seeded_exceptions", exceptions.summary());
            db.checkpoint();
            String token = Tokens.user(key, org, UUID.randomUUID(), List.of("owner"), Duration.ofHours(3));
            URI uri = URI.create(baseUrl + "/api/v1/meeting-types/" + type + "/availability?from=" + from + "&to=" + to
                    + "&timeZone=" + SchedulingDb.ZONE);
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();

            // correctness first, on one answer: what the seed allows and nothing else
            HttpResponse<String> first = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (first.statusCode() != 200) {
                throw new IllegalStateException("availability answered " + first.statusCode() + ": " + first.body());
            }
            Map<String, Object> check = check(first.body(), from, to, tokyo, exceptions, closedDays(token, from, to, exceptions));
            String expectedBody = first.body();

            boolean statementStats = db.statementStatsAvailable();
            System.err.printf("bench: availability: warm-up %d s (2 clients, closed), then %d req/s for %d s%n", warmup, rate, duration);
            Histogram latency = Latency.newHistogram();
            Histogram service = Latency.newHistogram();
            Map<String, Long> outcomes = new TreeMap<>();
            AtomicLong differing = new AtomicLong();
            // warm-up closed (two clients, each asking again when answered), so a cold JVM cannot leave a
            // backlog of open-model requests that would still be served in the measured window
            long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
            AtomicLong warmCalls = new AtomicLong();
            List<Thread> warmers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Thread t = new Thread(() -> {
                    while (System.nanoTime() < warmEnd) {
                        try {
                            http.send(request, HttpResponse.BodyHandlers.discarding());
                            warmCalls.incrementAndGet();
                        } catch (Exception e) {
                            return;
                        }
                    }
                });
                t.start();
                warmers.add(t);
            }
            for (Thread t : warmers) {
                t.join();
            }
            out.put("warmup_requests", warmCalls.get());
            ExecutorService workers = Executors.newFixedThreadPool(32);
            long period = 1_000_000_000L / rate;
            long start = System.nanoTime();
            long measureFrom = start;
            long end = measureFrom + TimeUnit.SECONDS.toNanos(duration);
            Metrics before = null;
            Map<String, Object> cpuUse;
            Map<String, Object> waits;
            try (CpuSampler cpu = new CpuSampler()) {
                boolean started = false;
                Db.WaitSampler sampler = null;
                for (long due = start; due < end; due += period) {
                    if (!started && due >= measureFrom) {
                        ServiceLoad.sleepUntil(due);
                        cpu.track(args.all("cpu"), false).track(args.all("cpu-tree"), true)
                                .track("loadgen", ProcessHandle.current().pid(), false).trackThreads("service", args.pid("service-pid")).start();
                        before = Metrics.fetch(http, baseUrl);
                        if (statementStats) {
                            db.statementStatsAvailable();
                        }
                        sampler = db.new WaitSampler(250);
                        started = true;
                    }
                    ServiceLoad.sleepUntil(due);
                    long dueAt = due;
                    boolean measured = due >= measureFrom;
                    workers.execute(() -> {
                        long sent = System.nanoTime();
                        String outcome;
                        try {
                            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                            outcome = Integer.toString(r.statusCode());
                            if (r.statusCode() == 200 && !r.body().equals(expectedBody)) {
                                differing.incrementAndGet();
                            }
                        } catch (Exception e) {
                            outcome = "io: " + e.getClass().getSimpleName();
                        }
                        long done = System.nanoTime();
                        if (measured) {
                            synchronized (latency) {
                                latency.recordValue(Math.max(1, (done - dueAt) / 1000));
                                service.recordValue(Math.max(1, (done - sent) / 1000));
                                outcomes.merge(outcome, 1L, Long::sum);
                            }
                        }
                    });
                }
                workers.shutdown();
                workers.awaitTermination(60, TimeUnit.SECONDS);
                waits = sampler == null ? null : sampler.result();
                if (sampler != null) {
                    sampler.close();
                }
                cpuUse = cpu.stop();
            }
            Metrics after = Metrics.fetch(http, baseUrl);
            synchronized (latency) {
                out.put("requests", latency.getTotalCount());
                out.put("outcomes", outcomes);
                out.put("latency", Latency.summary(latency));
                out.put("latency_from_send", Latency.summary(service));
            }
            out.put("cpu", cpuUse);
            out.put("db_waits", waits);
            if (statementStats) {
                out.put("db_statements", db.topStatements(8, latency.getTotalCount(), "exec_ms_per_request"));
            }
            out.put("service_metrics", BookingLoad.serviceMetrics(before, after, URI_LABEL, "200"));
            check.put("answers_differing_from_the_first", differing.get());
            List<String> problems = new ArrayList<>(castList(check.get("problems")));
            if (differing.get() > 0) {
                problems.add(differing.get() + " answers differ from the first (nothing was written meanwhile)");
            }
            if (outcomes.keySet().stream().anyMatch(k -> !"200".equals(k))) {
                problems.add("answers other than 200: " + outcomes);
            }
            check.put("problems", problems);
            check.put("ok", problems.isEmpty());
            out.put("check", check);
            out.put("pg_version", db.version());
        }
        Json.write(Path.of(args.get("out")), out);
        Map<?, ?> check = (Map<?, ?>) out.get("check");
        System.err.printf("bench: availability: p50 %s ms, p99 %s ms; check %s%n", ((Map<?, ?>) out.get("latency")).get("p50_ms"),
                ((Map<?, ?>) out.get("latency")).get("p99_ms"), Boolean.TRUE.equals(check.get("ok")) ? "ok" : "FAILED " + check.get("problems"));
        return Boolean.TRUE.equals(check.get("ok")) ? 0 : 1;
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }

    /** The closed days of the range as the service lists them (AVL-03), and what is wrong with that list. */
    private record Closed(Set<LocalDate> days, Set<LocalDate> calendarDays, List<String> problems) {
    }

    /**
     * {@code GET /api/v1/organization/holidays} for the range: the calendar's holidays are the service's to know (the
     * range is tomorrow's two weeks, so some runs meet a JP holiday and most do not); the organization's own days
     * must be the ones written.
     */
    private Closed closedDays(String token, LocalDate from, LocalDate to, AvailabilityExceptions exceptions) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/organization/holidays?from=" + from + "&to=" + to))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .GET().build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        List<String> problems = new ArrayList<>();
        Set<LocalDate> days = new TreeSet<>();
        Set<LocalDate> calendarDays = new TreeSet<>();
        Set<LocalDate> own = new TreeSet<>();
        if (r.statusCode() != 200) {
            problems.add("the organization's holidays answered " + r.statusCode() + ": " + r.body());
        } else {
            JsonNode root = Json.MAPPER.readTree(r.body());
            if (!AvailabilityExceptions.CALENDAR.equals(root.path("calendar").asText())) {
                problems.add("the organization's holiday calendar is " + root.path("calendar") + ", not " + AvailabilityExceptions.CALENDAR);
            }
            for (JsonNode item : root.path("items")) {
                LocalDate d = LocalDate.parse(item.path("date").asText());
                days.add(d);
                ("organization".equals(item.path("source").asText()) ? own : calendarDays).add(d);
            }
        }
        if (!own.equals(new TreeSet<>(exceptions.ownClosedInRange()))) {
            problems.add("the organization's own closed days in the range are " + own + ", not " + exceptions.ownClosedInRange());
        }
        days.addAll(exceptions.ownClosedInRange());
        return new Closed(days, calendarDays, problems);
    }

    /**
     * Every slot shown must suit at least one host, and every slot that suits one must show. A host's day is its
     * override's (other hours and break, or a day off) or else its weekday's: Mon–Fri 09:00–18:00 with lunch
     * 12:00–13:00, busy 10:00–10:30, 14:00–14:30 and 16:00–16:30 with 5-minute buffers around a 30-minute meeting
     * (caps, 6, are never reached: 3 bookings a day); nothing inside its time off; nothing on a closed day that no
     * override of its own opens. And, said on its own: no slot on a closed day that no host's override opens (the
     * organization's own two are opened by none). Every later answer is compared with this one.
     */
    private static Map<String, Object> check(String body, LocalDate from, LocalDate to, ZoneId zone, AvailabilityExceptions x,
                                             Closed closed) throws Exception {
        JsonNode root = Json.MAPPER.readTree(body);
        List<String> problems = new ArrayList<>(closed.problems());
        int shown = 0;
        java.util.Set<OffsetDateTime> shownStarts = new java.util.HashSet<>();
        Map<LocalDate, Integer> onClosedDays = new TreeMap<>();
        for (LocalDate d : closed.days()) {
            if (java.util.stream.IntStream.range(0, HOSTS).noneMatch(i -> x.overridden(i, d))) {
                onClosedDays.put(d, 0);
            }
        }
        for (JsonNode day : root.path("days")) {
            for (JsonNode slot : day.path("slots")) {
                OffsetDateTime start = OffsetDateTime.parse(slot.path("start").asText());
                java.time.ZonedDateTime local = start.atZoneSameInstant(zone);
                shownStarts.add(local.toOffsetDateTime());
                shown++;
                onClosedDays.computeIfPresent(local.toLocalDate(), (d, n) -> n + 1);
                if (!shown(x, closed.days(), local.toLocalDate(), local.toLocalTime()) && problems.size() < 10) {
                    problems.add("slot " + start + " should not be free");
                }
            }
        }
        int expected = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            for (LocalTime t = LocalTime.MIDNIGHT; ; t = t.plusMinutes(15)) {
                if (shown(x, closed.days(), d, t)) {
                    expected++;
                    if (!shownStarts.contains(d.atTime(t).atZone(zone).toOffsetDateTime()) && problems.size() < 10) {
                        problems.add("slot " + d + " " + t + " should be free but is not shown");
                    }
                }
                if (t.equals(LocalTime.of(23, 45))) {
                    break;
                }
            }
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("slots_shown", shown);
        c.put("slots_expected", expected);
        c.put("calendar_holidays_in_range", closed.calendarDays().stream().map(LocalDate::toString).toList());
        c.put("slots_on_closed_days", onClosedDays.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
        if (shown != expected) {
            problems.add(shown + " slots shown, " + expected + " expected");
        }
        if (!onClosedDays.keySet().containsAll(x.ownClosedInRange())) {
            problems.add("an override opens one of the organization's own closed days; the check expects none to");
        }
        onClosedDays.forEach((d, n) -> {
            if (n > 0) {
                problems.add(n + " slots shown on " + d + ", a closed day");
            }
        });
        c.put("problems", problems);
        return c;
    }

    /** A 30-minute meeting at local {@code t} on {@code d} fits at least one of the seed's hosts. */
    private static boolean shown(AvailabilityExceptions x, Set<LocalDate> closed, LocalDate d, LocalTime t) {
        for (int i = 0; i < HOSTS; i++) {
            if (fits(x, i, closed, d, t)) {
                return true;
            }
        }
        return false;
    }

    /** A 30-minute meeting at local {@code t} on {@code d}, with 5-minute buffers, fits host {@code i}. */
    private static boolean fits(AvailabilityExceptions x, int i, Set<LocalDate> closed, LocalDate d, LocalTime t) {
        AvailabilityExceptions.Override o = x.override(i, d);
        int open;
        int close;
        int breakStart;
        int breakEnd;
        if (o != null) {
            if (!o.enabled()) {
                return false;
            }
            open = minutes(o.start());
            close = minutes(o.end());
            breakStart = minutes(o.breakStart());
            breakEnd = minutes(o.breakEnd());
        } else {
            if (closed.contains(d) || d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
                return false;
            }
            open = 9 * 60;
            close = 18 * 60;
            breakStart = 12 * 60;
            breakEnd = 13 * 60;
        }
        int s = minutes(t);
        int e = s + 30;
        if (s < open || e > close || (s < breakEnd && e > breakStart)) {
            return false; // outside the window or in the break (the meeting itself; buffers may touch it)
        }
        if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
            for (int busy : new int[] {10 * 60, 14 * 60, 16 * 60}) {
                if (s - 5 < busy + 30 && e + 5 > busy) {
                    return false;
                }
            }
        }
        return !x.away(i, x.at(d, t), x.at(d, t).plusMinutes(30));
    }

    private static int minutes(LocalTime t) {
        return t.getHour() * 60 + t.getMinute();
    }
}
