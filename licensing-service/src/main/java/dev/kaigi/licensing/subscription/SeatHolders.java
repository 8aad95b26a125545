package dev.kaigi.licensing.subscription;

import dev.kaigi.events.licensing.SeatPool;

import java.util.List;
import java.util.UUID;

/**
 * Who holds a seat of a pool, as the seat feature knows it: a plan change or switching team
 * licences off names them in its event. Declared here and answered by the seat feature, which
 * depends on subscriptions, not the other way round.
 */
public interface SeatHolders {

    /** The holders of {@code pool}'s seats in {@code orgId}, oldest assignment first. */
    List<UUID> holdersOf(UUID orgId, SeatPool pool);
}
