package dev.kaigi.events.user;

/**
 * What a deleted user leaves that can be handed to another user (LIF-05), each to its own heir or to
 * nobody. Each category belongs to the service that keeps it.
 */
public enum TransferCategory {
    /** The user's meetings that have not started yet (scheduling-service). */
    FUTURE_BOOKINGS,
    /** The user's places in meeting types' host pools (scheduling-service). */
    POOL_MEMBERSHIPS,
    /** Ownership of the open Salesforce opportunities Kaigi counts for the user (integration-service, SCH-04). */
    SALESFORCE_RECORDS,
    /** The booking notifications the user subscribed to (integration-service). */
    NOTIFICATION_SUBSCRIPTIONS
}
