package dev.kaigi.bench;

import java.nio.file.Path;

/**
 * Entry point of the benchmark's Java side; bench/run starts and stops the processes and calls:
 * <pre>
 *   keys    --dir D                                   a fresh RSA key pair for the service and the tokens
 *   token   --keys D --service S [--hours H]          prints a service token (user-service calling licensing-service)
 *   service --base-url U --keys D --db ... --out F    seat assignment through licensing-service
 *   pgbench --script S --db ... --out F               the same transaction as bare SQL under pgbench
 *   imports --user-url U --licensing-url L --keys D   CSV import of users through user-service, timed end to end
 *           --user-db A --licensing-db B --rows N --warmup-rows W --out F
 *   bookings --base-url U --keys D --db ... --out F   booking through scheduling-service: 1/4/16/64 clients, hot host
 *   availability --base-url U --keys D --db ... --out F  14 days of a 50-host pool, open model
 *   propagation --base-url U --kafka K --keys D --db ... --out F  user-deactivated on the broker → host ineligible
 *   effects --base-url U --kafka K --keys D --db ... --simulator-port P --smtp-port S --out F
 *                                                     meeting-booked on the broker → integration-service's side effects at the
 *                                                     provider simulators (Zoom, calendar, Slack, SMTP) played by this process
 *   webhooks --base-url U --kafka K --keys D --db ... --receiver-url R --out F
 *                                                     meeting-booked on the broker → integration-service's signed webhook
 *                                                     acknowledged by the stack's receiver at R; a burst; beside a dead subscription
 *   reschedules --base-url U --keys D --db ... --out F  moving booked meetings through scheduling-service, 16 clients
 *   pgbench --kind bookings ...                        the booking baseline (bookings/book.pgbench)
 *   pgbench --kind reschedules ...                     the reschedule baseline (reschedules/move.pgbench)
 *   report  --run-dir R --results-dir D --stamp S     results JSON + Markdown
 * </pre>
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            System.err.println("usage: loadgen.jar keys|token|service|pgbench|imports|bookings|reschedules|availability|propagation|effects|webhooks|footprint|report --option value ...");
            System.exit(2);
        }
        Args args = new Args(argv, 1);
        int status = switch (argv[0]) {
            case "keys" -> {
                Tokens.generate(Path.of(args.get("dir")));
                yield 0;
            }
            case "service" -> new ServiceLoad(args).run();
            case "pgbench" -> new PgbenchLoad(args).run();
            case "imports" -> new ImportLoad(args).run();
            case "bookings" -> new BookingLoad(args).run();
            case "reschedules" -> new RescheduleLoad(args).run();
            case "availability" -> new AvailabilityLoad(args).run();
            case "propagation" -> new PropagationLoad(args).run();
            case "effects" -> new EffectsLoad(args).run();
            case "webhooks" -> new WebhooksLoad(args).run();
            case "footprint" -> new FootprintLoad(args).run();
            case "token" -> {
                // a long-lived service token, for a service under benchmark to call another (user-service → licensing-service)
                Path dir = Path.of(args.get("keys"));
                Tokens.requireReadable(dir);
                System.out.println(Tokens.service(Tokens.privateKey(dir), args.get("service"),
                        java.time.Duration.ofHours(args.integer("hours", 12))));
                yield 0;
            }
            case "report" -> new Report(args).run();
            case "plots" -> Plots.redraw(args);
            default -> {
                System.err.println("unknown command " + argv[0]);
                yield 2;
            }
        };
        System.exit(status);
    }
}
