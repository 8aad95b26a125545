package dev.kaigi.events;

/** CloudEvents {@code source} values: which service produced an event. */
public final class EventSources {

    public static final String USER_SERVICE = "/user-service";
    public static final String SCHEDULING_SERVICE = "/scheduling-service";
    public static final String LICENSING_SERVICE = "/licensing-service";
    public static final String INTEGRATION_SERVICE = "/integration-service";

    private EventSources() {
    }
}
