package dev.kaigi.events.scheduling;

/** Who changed a booked meeting: its lead (through the manage link), its host, an administrator, a partner, or Kaigi itself. */
public enum MeetingActor {
    LEAD,
    HOST,
    ADMIN,
    PARTNER,
    SYSTEM
}
