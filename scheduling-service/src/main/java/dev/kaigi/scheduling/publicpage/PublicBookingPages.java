package dev.kaigi.scheduling.publicpage;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.scheduling.ConferencingMethod;
import dev.kaigi.scheduling.meetingtype.BookableTypes;
import dev.kaigi.scheduling.meetingtype.BookableTypes.BookableType;
import dev.kaigi.scheduling.meetingtype.MeetingType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.regex.Pattern;

/**
 * The meeting types public booking pages name (SCH-08 for leads): a page is its type's unguessable
 * public id; a malformed or unknown id is a page that does not exist (404, never 400, so ids cannot
 * be probed by their shape).
 */
@ApplicationScoped
public class PublicBookingPages {

    private static final Pattern PUBLIC_ID = Pattern.compile("[A-Za-z0-9_-]{22,64}");

    @Schema(name = "PublicBookingPage", description = "What a booking page shows of a meeting type")
    public record BookingPageView(String name, int durationMinutes, ConferencingMethod conferencingMethod, int slotStepMinutes,
                                  int minimumNoticeMinutes, int bookingHorizonDays) {
    }

    @Inject
    BookableTypes types;

    /** What the page shows of its meeting type. */
    public BookingPageView page(String publicId) {
        MeetingType t = type(publicId).type();
        return new BookingPageView(t.name, t.durationMinutes, t.conferencingMethod, t.slotStepMinutes, t.minimumNoticeMinutes,
                t.bookingHorizonDays);
    }

    /** The page's meeting type with its pool; 404 for a page that does not exist. */
    public BookableType type(String publicId) {
        requireWellFormed(publicId);
        return types.byPublicBookingId(publicId).orElseThrow(() -> ProblemException.notFound("booking-page"));
    }

    /** 404 unless {@code publicId} has the shape of a public id (checked before a booking reads anything). */
    public static void requireWellFormed(String publicId) {
        if (publicId == null || !PUBLIC_ID.matcher(publicId).matches()) {
            throw ProblemException.notFound("booking-page");
        }
    }
}
