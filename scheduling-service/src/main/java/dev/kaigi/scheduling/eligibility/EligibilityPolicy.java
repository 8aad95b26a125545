package dev.kaigi.scheduling.eligibility;

import java.util.Optional;

/** One rule of SCH-07: accepts a host for a slot, or rejects with its reason. Pure: no I/O, no clock. */
public interface EligibilityPolicy {

    /** Empty when the rule holds. */
    Optional<Reason> check(HostFacts host, Slot slot);

    /** Whether the answer depends on the slot's time; the others are asked once per host, not per slot. */
    default boolean dependsOnTime() {
        return false;
    }
}
