package dev.kaigi.scheduling.booking;

/** A booking is BOOKED (it counts and blocks) until it is CANCELLED (it does neither). */
public enum BookingStatus {
    BOOKED,
    CANCELLED
}
