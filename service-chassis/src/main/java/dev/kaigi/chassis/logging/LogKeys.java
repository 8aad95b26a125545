package dev.kaigi.chassis.logging;

/**
 * The keys the chassis puts into the logging context (MDC), so every line of a request or an event says whom and
 * what it is about. They sit beside OpenTelemetry's {@code traceId} and {@code spanId}, in the same camel case; in
 * JSON logs they are fields of {@code mdc}.
 */
public final class LogKeys {

    /** The caller's organization, or the organization an event is about. */
    public static final String ORG_ID = "orgId";
    /** The calling Kaigi user. */
    public static final String USER_ID = "userId";
    /** The OAuth client of a caller that is no user: a partner integration or a service. */
    public static final String CLIENT_ID = "clientId";
    /** The CloudEvents id of the event being applied. */
    public static final String EVENT_ID = "eventId";
    /** The CloudEvents type of the event being applied. */
    public static final String EVENT_TYPE = "eventType";

    private LogKeys() {
    }
}
