package dev.kaigi.scheduling.booking;

import dev.kaigi.events.Nullable;
import dev.kaigi.chassis.text.SingleLine;
import dev.kaigi.events.scheduling.ConferencingMethod;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of {@code /api/v1/bookings} and the public booking pages (SCH-08). */
public final class BookingJson {

    private BookingJson() {
    }

    @Schema(name = "Lead", description = "Who the meeting is with (leads are not Kaigi users)")
    public record Lead(
            @NotBlank @SingleLine @Size(max = 200) @Schema(example = "Taro Yamada") String name,
            @NotBlank @Email @Size(max = 254) @Schema(example = "taro@customer.example") String email,
            @SingleLine @Size(max = 200) String company,
            @Pattern(regexp = "en|ja") @Schema(description = "Language of the lead's mails, en or ja; default en") String locale,
            @Size(max = 64) @Schema(description = "IANA zone the lead's times are shown in; default: the offset of the start asked for",
                    example = "Asia/Tokyo") String timeZone) {
    }

    @Schema(name = "BookingRequest", description = "A meeting of a type at a start time; Kaigi picks the host")
    public record BookingRequest(
            @NotNull UUID meetingTypeId,
            @NotNull @Schema(description = "ISO-8601 with offset", example = "2026-12-07T10:00:00+09:00") OffsetDateTime start,
            @NotNull @jakarta.validation.Valid Lead lead,
            @Size(max = 2000) String notes) {
    }

    @Schema(name = "PublicBookingRequest", description = "A lead's booking on a public booking page")
    public record PublicBookingRequest(
            @NotNull @Schema(description = "ISO-8601 with offset", example = "2026-12-07T10:00:00+09:00") OffsetDateTime start,
            @NotNull @jakarta.validation.Valid Lead lead,
            @Size(max = 2000) String notes) {
    }

    @Schema(name = "CancelRequest")
    public record CancelRequest(@Size(max = 500) String reason) {
    }

    @Schema(name = "RescheduleRequest", description = "A new start for the meeting (MTG-03)")
    public record RescheduleRequest(
            @NotNull @Schema(description = "ISO-8601 with offset, on the meeting type's slot grid", example = "2026-12-08T10:00:00+09:00")
            OffsetDateTime start,
            @SingleLine @Size(max = 500) String reason) {
    }

    @Schema(name = "ReassignRequest", description = "The host to hand the meeting to (MTG-04)")
    public record ReassignRequest(@NotNull UUID hostUserId) {
    }

    @Schema(name = "Booking", description = "A booked (or cancelled) meeting and its host")
    public record BookingView(UUID id, UUID meetingTypeId, String meetingTypeName, ConferencingMethod conferencingMethod,
                              UUID hostUserId, String hostTimeZone,
                              @Schema(description = "The host's customer-facing contact (USR-08), in the answer that created the "
                                      + "booking; null when they gave none") @Nullable String hostContact,
                              Instant start, Instant end, BookingStatus status,
                              String leadName, String leadEmail, String leadCompany, String leadLocale, String notes,
                              boolean viaPublicPage, Instant createdAt, Instant cancelledAt, String cancelReason,
                              @Schema(description = "The lead's time zone") String leadTimeZone,
                              @Schema(description = "Raised by every change (reschedule, reassignment, cancellation); the ETag that If-Match names")
                              int sequence,
                              Instant updatedAt,
                              @Schema(description = "The manage link's secret (MTG-02), in the answer that created the booking only; "
                                      + "the lead's page is /api/v1/public/bookings/{manageToken}")
                              @Nullable String manageToken) {

        static BookingView of(Booking b) {
            return created(b, null);
        }

        /** The answer that created {@code b}, with its host's contact (USR-08). */
        static BookingView created(Booking b, String hostContact) {
            return new BookingView(b.id, b.meetingTypeId, b.meetingTypeName, b.conferencingMethod, b.hostUserId,
                    b.hostTimeZone, hostContact, b.startsAt, b.endsAt, b.status, b.leadName, b.leadEmail, b.leadCompany, b.leadLocale,
                    b.notes, b.viaPublicPage, b.createdAt, b.cancelledAt, b.cancelReason, b.leadTimeZone, b.sequence,
                    b.updatedAt, null);
        }
    }

    @Schema(name = "PublicBooking", description = "What a lead learns of their booking: the host's customer-facing contact, "
            + "no other meetings")
    public record PublicBookingView(UUID id, String meetingTypeName, ConferencingMethod conferencingMethod, Instant start,
                                    Instant end, BookingStatus status,
                                    @Schema(description = "The host's customer-facing contact (USR-08); null when they gave none")
                                    @Nullable String hostContact,
                                    @Schema(description = "The manage link's secret (MTG-02): the lead's page is "
                                            + "/api/v1/public/bookings/{manageToken}") @Nullable String manageToken) {

        static PublicBookingView created(Booking b, String hostContact) {
            return new PublicBookingView(b.id, b.meetingTypeName, b.conferencingMethod, b.startsAt, b.endsAt, b.status,
                    hostContact, null);
        }
    }

    @Schema(name = "BookingPage")
    public record BookingPage(List<BookingView> items, int page, int size, long totalItems, long totalPages) {
    }
}
