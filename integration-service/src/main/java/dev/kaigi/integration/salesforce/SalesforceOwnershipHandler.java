package dev.kaigi.integration.salesforce;

import dev.kaigi.chassis.inbox.EventSubscriber;
import dev.kaigi.chassis.inbox.EventSubscriptions;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.user.TransferCategory;
import dev.kaigi.events.user.UserDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** LIF-05: a deleted user's open Salesforce opportunities go to the Salesforce user of the heir of that category. */
@ApplicationScoped
public class SalesforceOwnershipHandler implements EventSubscriber {

    @Inject
    SalesforceOwnershipTransfers transfers;

    @Override
    public void subscribe(EventSubscriptions on) {
        on.event(EventTypes.USER_DELETED, this::deleted);
    }

    private void deleted(UserDeleted e) {
        transfers.transfer(e.orgId(), e.userId(), e.heirOf(TransferCategory.SALESFORCE_RECORDS));
    }
}
