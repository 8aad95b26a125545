package dev.kaigi.faults.history;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The databases after the run, as the checker reads them, and the mails integration-service sent to the
 * leads of every booking row and of every failed booking request.
 */
public record FinalState(List<BookingRow> bookings, Map<HostDay, Integer> hostDayCounters, int dailyCap,
                         Map<String, UUID> bookingKeys, List<AssignmentRow> assignments, List<PoolRow> pools,
                         Set<UUID> assignmentsBefore, List<EventFlow> eventFlows, Map<String, Integer> mailsToLeads,
                         Map<String, Integer> eventsAboutLeads) {

    public record HostDay(UUID host, LocalDate day) {
    }

    public record BookingRow(UUID id, UUID host, LocalDate day, Instant start, Instant blockedFrom, Instant blockedTo, boolean booked,
                             String leadEmail) {
    }

    public record AssignmentRow(UUID id, UUID user, String pool) {
    }

    public record PoolRow(String pool, int purchased, int assigned) {
    }

    /** One producer's outbox against one consumer's inbox, for the event types that consumer handles. */
    public record EventFlow(String producer, String consumer, Set<String> handledTypes, List<OutboxRow> outbox, Set<UUID> inbox) {
    }

    public record OutboxRow(UUID eventId, String type, boolean sent) {
    }
}
