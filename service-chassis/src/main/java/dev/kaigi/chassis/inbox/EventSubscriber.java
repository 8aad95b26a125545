package dev.kaigi.chassis.inbox;

/**
 * Declares, in one place, what a feature does on which events: implement it as an
 * {@code @ApplicationScoped} bean and name each event type with what to run on it.
 * <pre>{@code
 * @ApplicationScoped
 * class UserEvents implements EventSubscriber {
 *     @Inject OrgUserRepository users;
 *
 *     public void subscribe(EventSubscriptions on) {
 *         on.event(EventTypes.USER_INVITED, e -> users.upsert(e.orgId(), e.userId())).batchable();
 *         on.incoming(EventTypes.USER_DELETED, event -> users.forget(event.data().userId(), event.time()));
 *     }
 * }
 * }</pre>
 * The {@link EventDispatcher} asks every subscriber once, at start-up, and applies what it declared
 * exactly as it applies an {@link EventHandler}: in the transaction that claims the event in the
 * inbox, at most once per event id.
 */
public interface EventSubscriber {

    void subscribe(EventSubscriptions on);

    /**
     * The consumer that applies what this subscriber declares. {@link EventConsumer#MAIN}, the service's own, unless
     * its work must not wait behind the other handlers': a named consumer reads the topics of its event types in a
     * Kafka consumer group of its own ({@code <service>-<name>}), with its own offsets and its own inbox entries, so
     * each consumer applies an event once, whatever the other did with it. (Partner webhooks are queued so, not
     * behind the Zoom meetings and mails of the bookings before them.)
     */
    default String consumer() {
        return EventConsumer.MAIN;
    }
}
