package dev.kaigi.user.lifecycle;

import dev.kaigi.events.internal.TransferPreview.CategoryPreview;
import dev.kaigi.events.user.DeletionTransfers;
import dev.kaigi.events.user.TransferCategory;
import dev.kaigi.user.peer.Peer;
import dev.kaigi.user.peer.PeerServices;
import dev.kaigi.user.security.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * LIF-05's dry run: the deletion's checks, then each service that keeps a category answers what
 * would move there, through its internal API. A service that cannot answer leaves its categories
 * in {@code unavailable} rather than failing the whole preview: the super admin still sees the rest.
 */
@ApplicationScoped
public class DeletionPreviews {

    private static final Logger LOG = Logger.getLogger(DeletionPreviews.class);
    private static final List<Peer> KEEPERS = List.of(Peer.SCHEDULING, Peer.INTEGRATION);

    @Inject
    LifecycleService lifecycle;
    @Inject
    PeerServices peers;

    public DeletionPreviewView preview(Actor superAdmin, UUID id, DeletionTransfers heirs) {
        lifecycle.checkDeletion(superAdmin, id, heirs, DeletionRequest::fieldOf);
        List<CategoryPreview> categories = new ArrayList<>();
        List<TransferCategory> unavailable = new ArrayList<>();
        for (Peer peer : KEEPERS) {
            try {
                peers.of(peer).transferPreview(superAdmin.orgId(), id, heirs).categories().stream()
                        .filter(c -> peer.categories().contains(c.category()))
                        .forEach(categories::add);
            } catch (RuntimeException e) {
                LOG.warnf("%s could not preview the deletion of %s: %s", peer.serviceName(), id, e.toString());
                unavailable.addAll(peer.categories());
            }
        }
        categories.sort(Comparator.comparing(CategoryPreview::category));
        return new DeletionPreviewView(id, categories, unavailable);
    }
}
