package dev.kaigi.chassis.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a resource method that checks LIF-01 itself, inside a database round trip it makes anyway
 * (a hot path: the check on its own is a round trip per request): {@link RevokedCallerFilter}
 * leaves it out. Such a method must refuse a revoked caller with 401 {@code token-revoked}, as
 * the filter would, before it changes anything, and must have a test that shows it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ChecksRevokedCaller {
}
