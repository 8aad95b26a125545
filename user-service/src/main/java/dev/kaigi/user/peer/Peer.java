package dev.kaigi.user.peer;

import dev.kaigi.events.user.TransferCategory;

import java.util.List;

/** The services user-service asks through their internal API, with the transfer categories each keeps (LIF-05). */
public enum Peer {
    LICENSING("licensing-service", List.of()),
    SCHEDULING("scheduling-service", List.of(TransferCategory.FUTURE_BOOKINGS, TransferCategory.POOL_MEMBERSHIPS)),
    INTEGRATION("integration-service", List.of(TransferCategory.SALESFORCE_RECORDS, TransferCategory.NOTIFICATION_SUBSCRIPTIONS));

    private final String serviceName;
    private final List<TransferCategory> categories;

    Peer(String serviceName, List<TransferCategory> categories) {
        this.serviceName = serviceName;
        this.categories = categories;
    }

    public String serviceName() {
        return serviceName;
    }

    public List<TransferCategory> categories() {
        return categories;
    }
}
