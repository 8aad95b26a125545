package dev.kaigi.integration.salesforce;

import dev.kaigi.chassis.inbox.EventSubscriber;
import dev.kaigi.chassis.inbox.EventSubscriptions;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.user.TransferCategory;
import dev.kaigi.events.user.UserDeleted;
import dev.kaigi.integration.user.UserDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/** LIF-05: a deleted user's open Salesforce opportunities go to the Salesforce user of the heir of that category. */
@ApplicationScoped
public class SalesforceOwnershipHandler implements EventSubscriber {

    @Inject
    SalesforceOwnershipTransfers transfers;
    @Inject
    UserDirectory users;

    @Override
    public void subscribe(EventSubscriptions on) {
        on.event(EventTypes.USER_DELETED, this::deleted);
    }

    private void deleted(UserDeleted e) {
        UUID heir = e.heirOf(TransferCategory.SALESFORCE_RECORDS);
        // user-service chose the heir among the organization's users; nobody of another organization inherits here
        if (heir != null && !heir.equals(e.userId()) && users.inOrganization(e.orgId(), heir).isPresent()) {
            transfers.transfer(e.orgId(), e.userId(), heir);
        }
    }
}
