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
}
