package dev.kaigi.events.licensing;

/** The licence type a seat belongs to; matches the user type of the user who may hold it. */
public enum SeatPool {
    REGULAR,
    TEAM
}
