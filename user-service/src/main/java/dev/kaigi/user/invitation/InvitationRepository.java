package dev.kaigi.user.invitation;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class InvitationRepository implements PanacheRepositoryBase<Invitation, UUID> {

    /** The invitation a link's token names, locked so that a double click accepts once. */
    public Optional<Invitation> byTokenHash(String tokenHash) {
        return find("tokenHash", tokenHash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** A pending invitation by id, locked as {@link #byTokenHash} is (INV-06). */
    public Optional<Invitation> lockPending(UUID id) {
        return find("id = ?1 and status = ?2", id, Invitation.Status.PENDING).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    /** INV-03: a resend voids the live link. */
    public void voidPending(UUID userId) {
        update("status = ?1 where userId = ?2 and status = ?3", Invitation.Status.VOIDED, userId, Invitation.Status.PENDING);
    }
}
