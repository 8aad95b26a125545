package dev.kaigi.licensing.subscription;

import dev.kaigi.events.licensing.Plan;

/** What a plan allows. */
public final class PlanPolicy {

    private PlanPolicy() {
    }

    /** LIC-02: team-user licences exist only on STANDARD and above. */
    public static boolean offersTeamLicences(Plan plan) {
        return plan != Plan.FREE;
    }
}
