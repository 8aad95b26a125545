package dev.kaigi.testsupport.authz;

import java.util.function.Supplier;

/**
 * A part of a fixture made on first use: a table's rows need different records, and a fixture is
 * remade after every call that changed it, so making only what the next rows use keeps the table fast.
 */
public final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> make;
    private T value;

    private Lazy(Supplier<T> make) {
        this.make = make;
    }

    public static <T> Lazy<T> of(Supplier<T> make) {
        return new Lazy<>(make);
    }

    @Override
    public synchronized T get() {
        if (value == null) {
            value = make.get();
        }
        return value;
    }
}
