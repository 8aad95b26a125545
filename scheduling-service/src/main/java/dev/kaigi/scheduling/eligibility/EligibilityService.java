package dev.kaigi.scheduling.eligibility;

import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.scheduling.meetingtype.MeetingType;
import dev.kaigi.scheduling.meetingtype.BookableTypes;
import dev.kaigi.scheduling.meetingtype.BookableTypes.BookableType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** SCH-07 explained: which rules a host fails for a meeting type at a time, judged as booking judges. */
@ApplicationScoped
public class EligibilityService {

    @Schema(name = "Eligibility", description = "Whether the host could take a meeting of the type at that time, and if not why")
    public record EligibilityView(UUID hostUserId, UUID meetingTypeId, Instant start, Instant end,
                                  @Schema(description = "The start's date in the host's zone: the day the daily cap counts on (SCH-03)")
                                  LocalDate hostDay,
                                  @Schema(description = "Whether the host is in the meeting type's pool (booking only picks pool hosts)")
                                  boolean inPool, boolean eligible,
                                  @Schema(description = "Every failed rule, in the order of SCH-07")
                                  List<Reason> reasons) {
    }

    @Inject
    HostFactsLoader facts;
    @Inject
    BookableTypes types;

    /** 404 when the user is not a host of the organization; 400 naming {@code meetingType} when the type is unknown. */
    public EligibilityView explain(UUID orgId, UUID userId, UUID meetingTypeId, Instant start) {
        BookableType bookable = types.inOrganization(orgId, meetingTypeId)
                .orElseThrow(() -> ProblemException.invalidField("meetingType", "unknown-meeting-type"));
        MeetingType type = bookable.type();
        Slot slot = new Slot(start, start.plus(Duration.ofMinutes(type.durationMinutes)),
                Duration.ofMinutes(type.bufferBeforeMinutes), Duration.ofMinutes(type.bufferAfterMinutes), type.conferencingMethod);
        HostFacts host = facts.load(orgId, bookable.factsVersion(), List.of(userId), slot.blockedFrom(), slot.blockedTo()).stream()
                .filter(h -> h.status() != null && !h.status().isFinal()).findFirst()
                .orElseThrow(() -> ProblemException.notFound("host"));
        List<Reason> reasons = EligibilityPolicies.reasons(host, slot);
        boolean inPool = bookable.pool().contains(userId);
        return new EligibilityView(userId, type.id, slot.start(), slot.end(), host.zone() == null ? null : host.dayOf(start),
                inPool, reasons.isEmpty(), reasons);
    }
}
