package dev.kaigi.integration.meeting;

import java.util.function.Supplier;

/** Runs one side effect of the current step unless it is recorded, and records how it ended. */
@FunctionalInterface
interface Once {

    SideEffects.Record run(SideEffects.Kind kind, Effect effect);

    /** An effect that is done the same way on every attempt. */
    default SideEffects.Record run(SideEffects.Kind kind, Supplier<Done> effect) {
        return run(kind, repeated -> effect.get());
    }

    /** One side effect, told whether an earlier attempt may have reached the provider with it. */
    @FunctionalInterface
    interface Effect {

        /**
         * @param repeated an earlier attempt committed the intent and recorded no outcome: it may have been done
         *                 (a crash or a lost answer after the call); look it up where the provider can tell
         */
        Done run(boolean repeated);
    }
}
