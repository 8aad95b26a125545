package dev.kaigi.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Rescheduling through scheduling-service ({@code POST /api/v1/bookings/{id}/reschedule}): on a
 * fresh organization with the booking benchmark's 20-host pool, each client books a few meetings
 * through the API, then moves them in turn, closed model, a warm-up and a measured window; then the
 * database is checked (counters, overlaps, one meeting-rescheduled event per move).
 *
 * <p>Where the meetings go: meeting j (client j / M, M meetings a client) sits in round r at
 * position (j + r) mod meetings of the round's day, r mod {@link #DAYS} days after the pool's first,
 * through {@link BookingLoad#start}. A client's k-th move is round k / M + 1 of its meeting k mod M:
 * every move goes to the next day, 30 minutes later, so it always takes a place on a new host-day
 * and gives one back, as the pgbench baseline does. A day holds one round of meetings at a time, so
 * the host keeps a meeting unless the shift puts it beside another of their meetings (where the
 * positions wrap); then the pool's fair order picks another. Rounds cycle through the meeting
 * type's horizon: a day comes round again only long after its meetings have moved on.
 */
final class RescheduleLoad {

    static final String RESCHEDULE_URI_LABEL = "uri=\"/api/v1/bookings/{id}/reschedule\"";
    static final int MEETINGS_PER_CLIENT = 4;
    /** Days the rounds cycle through: within the meeting type's 365-day horizon from the first day (two days ahead). */
    static final int DAYS = 360;

    private final Args args;

    RescheduleLoad(Args args) {
        this.args = args;
    }

    int run() throws Exception {
        BookingLoad booking = new BookingLoad(args);
        booking.readKey();
        String baseUrl = args.get("base-url");
        int clients = args.integer("clients", 16);
        int warmup = args.integer("warmup", 60);
        int duration = args.integer("duration", 30);
        int meetings = clients * MEETINGS_PER_CLIENT;
        if (meetings > BookingLoad.REQUESTS_PER_DAY) {
            // a day holds a round of meetings, at most as many as the pool's places a day the booking load uses
            throw new IllegalArgumentException("at most " + BookingLoad.REQUESTS_PER_DAY / MEETINGS_PER_CLIENT + " clients");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("target", baseUrl + "/api/v1/bookings/{id}/reschedule");
        out.put("pool", Map.of("hosts", BookingLoad.POOL, "daily_caps", List.of(6, 8, 10, 12), "hours", "every day 09:00-18:00 Asia/Tokyo",
                "meeting", "30 min, PHONE, slot step 30"));
        out.put("clients", clients);
        out.put("meetings", meetings);
        out.put("warmup_s", warmup);
        out.put("duration_s", duration);
        boolean ok;
        try (Db db = new Db(args)) {
            SchedulingDb s = new SchedulingDb(db);
            boolean statementStats = db.statementStatsAvailable();
            BookingLoad.Pool p = booking.pool(s, BookingLoad.POOL, BookingLoad.POOL_CAPS, 30, true);
            out.put("org_id", p.org().toString());
            out.put("meeting_type_id", p.type().toString());
            UUID[] ids = new UUID[meetings];
            for (int j = 0; j < meetings; j++) {
                RawHttp.Response r = booking.book(j / MEETINGS_PER_CLIENT, p, start(p, 0, j, meetings), j);
                if (r.status() != 201) {
                    throw new IllegalStateException("booking meeting " + j + " failed: " + r.status() + " " + r.body());
                }
                ids[j] = BookingLoad.idOf(r.body());
            }
            String auth = "Bearer " + p.token();
            ClosedLoop.Told told = booking.closedLoop().run(db,
                    new ClosedLoop.Phase("moves", "move", "200", RESCHEDULE_URI_LABEL, clients, warmup, duration, true, statementStats),
                    (client, k) -> {
                        int j = client * MEETINGS_PER_CLIENT + (int) (k % MEETINGS_PER_CLIENT);
                        long round = k / MEETINGS_PER_CLIENT + 1;
                        try {
                            RawHttp.Response r = booking.connection(client).post("/api/v1/bookings/" + ids[j] + "/reschedule",
                                    Map.of("Authorization", auth, "Accept", "application/json"),
                                    "{\"start\":\"" + start(p, round, j, meetings) + "\"}");
                            return ClosedLoop.outcome(r, 200, "no-host-available", "cannot-reschedule");
                        } catch (IOException e) {
                            return ClosedLoop.outcome(e);
                        }
                    }, out);
            out.put("outbox_unsent_at_end", s.unsent(p.org()));
            out.put("outbox_drain_s", BookingLoad.drainSeconds(s, p.org(), Duration.ofSeconds(60)));
            // the share of moves the host could not keep, which went by the fair order to another host
            out.put("moves_to_another_host", s.count("""
                    select count(*) from outbox where org_id = ? and event_type = 'kaigi.scheduling.meeting-rescheduled.v1'
                       and payload ->> 'hostUserId' <> payload ->> 'previousHostUserId'""", p.org()));
            long moves = told.ok() + told.warmupOk();
            Map<String, Object> counts = s.moveCounts(p.org(), s.bookingCounts(p.org(), null));
            List<String> problems = SchedulingDb.bookingProblems(counts, meetings, 0);
            problems.addAll(SchedulingDb.moveProblems(counts, moves, told.ambiguous()));
            if (!told.errors().isEmpty()) {
                problems.add("unexpected answers " + told.errors());
            }
            counts.put("client_moves", moves);
            ok = problems.isEmpty();
            counts.put("ok", ok);
            counts.put("problems", problems);
            out.put("check", counts);
            out.put("pg_version", db.version());
            System.err.printf("bench: reschedules %d clients: %.1f moves/s, p99 %s ms, %d × 409; check %s%n", clients,
                    (Double) out.get("throughput_per_s"), ((Map<?, ?>) out.get("latency")).get("p99_ms"), told.conflicts(),
                    ok ? "ok" : "FAILED " + problems);
        }
        booking.closeConnections();
        Json.write(Path.of(args.get("out")), out);
        return ok ? 0 : 1;
    }

    /** Where meeting {@code j} of {@code meetings} goes in {@code round}: see the class comment. */
    private static Instant start(BookingLoad.Pool p, long round, int j, int meetings) {
        return BookingLoad.start(p, round % DAYS * BookingLoad.REQUESTS_PER_DAY + (j + round) % meetings);
    }
}
