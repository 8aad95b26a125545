package dev.kaigi.integration.meeting;

import java.util.function.Supplier;

/** Runs one side effect of the current step unless it is recorded, and records how it ended. */
@FunctionalInterface
interface Once {

    SideEffects.Record run(SideEffects.Kind kind, Supplier<Done> effect);
}
