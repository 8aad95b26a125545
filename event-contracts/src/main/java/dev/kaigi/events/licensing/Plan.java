package dev.kaigi.events.licensing;

/** An organization's subscription plan (LIC-01); team-user licences exist from STANDARD up (LIC-02). */
public enum Plan {
    FREE,
    STANDARD,
    PROFESSIONAL,
    ENTERPRISE,
    ULTIMATE
}
