package dev.kaigi.user.invitation;

import dev.kaigi.chassis.outbox.Outbox;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.user.JoinedVia;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserDeclined;
import dev.kaigi.events.user.UserInvited;
import dev.kaigi.events.user.UserStatus;
import dev.kaigi.events.user.UserType;
import dev.kaigi.user.audit.AuditLog;
import dev.kaigi.user.directory.Organization;
import dev.kaigi.user.directory.OrganizationRepository;
import dev.kaigi.user.directory.UserAccount;
import dev.kaigi.user.directory.UserEvents;
import dev.kaigi.user.directory.UserRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** One-time invitation links: issue, resend, accept, decline (INV-01…INV-03), also from the product (INV-06). */
@ApplicationScoped
public class InvitationService {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The joined user's ids. */
    public record Accepted(UUID userId, UUID orgId) {
    }

    /** An invitation waiting for its invitee (INV-06): where to, as what, until when. */
    @Schema(name = "PendingInvitation")
    public record Pending(UUID id, UUID organizationId, String organizationName, Role role, UserType userType,
                          Instant invitedAt, Instant expiresAt) {
    }

    @Inject
    EntityManager em;
    @Inject
    InvitationRepository invitations;
    @Inject
    UserRepository users;
    @Inject
    OrganizationRepository organizations;
    @Inject
    Outbox outbox;
    @Inject
    AuditLog audit;
    @Inject
    @ConfigProperty(name = "kaigi.invitations.lifetime", defaultValue = "7d")
    Duration lifetime;

    /**
     * Issues a new link for an invited user, voiding any earlier one (INV-03), and announces it:
     * integration-service mails the link. Must run in the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void issue(UserAccount user, UUID invitedBy, String locale) {
        invitations.voidPending(user.id);
        outbox.publish(issueFirst(user, organizations.findById(user.orgId), invitedBy, locale));
    }

    /**
     * Stores the first link of a user just added (no earlier link to void) and returns the event
     * announcing it, for the caller to publish: a CSV import publishes a whole chunk's at once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UserInvited issueFirst(UserAccount user, Organization org, UUID invitedBy, String locale) {
        String token = newToken();
        Invitation inv = new Invitation();
        inv.id = UUID.randomUUID();
        inv.orgId = user.orgId;
        inv.userId = user.id;
        inv.tokenHash = hash(token);
        inv.status = Invitation.Status.PENDING;
        inv.createdAt = Instant.now();
        inv.expiresAt = inv.createdAt.plus(lifetime);
        invitations.persist(inv);
        return new UserInvited(user.orgId, org.name, user.id, user.email, user.lastName,
                user.firstName == null ? "" : user.firstName, user.role, user.userType, invitedBy, token,
                inv.expiresAt, locale);
    }

    /** The user's live link stops working: they were deactivated or removed before accepting. In the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void voidPending(UUID userId) {
        invitations.voidPending(userId);
    }

    /** INV-03: an OWNER re-invites a user who has not accepted yet; the old link stops working. */
    @Transactional
    public void resend(UUID orgId, UUID userId, UUID ownerId, String locale) {
        UserAccount user = users.lockInOrganization(orgId, userId).orElseThrow(() -> ProblemException.notFound("user"));
        if (user.status != UserStatus.INVITED) {
            throw ProblemException.conflict("user-not-invited", user.status);
        }
        issue(user, ownerId, locale);
        audit.record(orgId, ownerId, AuditLog.Action.INVITATION_RESENT, user.id, null, null);
    }

    /** INV-06: the live invitations sent to {@code email}, in any organization, newest first. */
    @Transactional
    public List<Pending> pendingFor(String email) {
        List<Pending> pending = new ArrayList<>();
        for (Object[] row : em.createQuery("""
                        select i, u from Invitation i, UserAccount u
                        where u.id = i.userId and u.emailKey = :email and u.status = :invited
                          and i.status = :pending and i.expiresAt > :now
                        order by i.createdAt desc""", Object[].class)
                .setParameter("email", UserAccount.emailKey(email)).setParameter("invited", UserStatus.INVITED)
                .setParameter("pending", Invitation.Status.PENDING).setParameter("now", Instant.now()).getResultList()) {
            Invitation i = (Invitation) row[0];
            UserAccount u = (UserAccount) row[1];
            pending.add(new Pending(i.id, i.orgId, organizations.findById(i.orgId).name, u.role, u.userType, i.createdAt,
                    i.expiresAt));
        }
        return pending;
    }

    /** INV-06: the invitee accepts in the product; another person's invitation is 404, as an unknown one is. */
    @Transactional
    public Accepted acceptAs(String email, UUID invitationId) {
        return accept(sentTo(email, invitationId));
    }

    /** INV-06: the invitee declines in the product. */
    @Transactional
    public void declineAs(String email, UUID invitationId) {
        decline(sentTo(email, invitationId));
    }

    /** INV-02: accept → ACTIVE. */
    @Transactional
    public Accepted accept(String token) {
        return accept(live(token));
    }

    private Accepted accept(Invitation inv) {
        UserAccount user = invitedUser(inv);
        inv.status = Invitation.Status.ACCEPTED;
        user.status = UserStatus.ACTIVE;
        outbox.publish(UserEvents.joined(user, JoinedVia.INVITATION_ACCEPTED));
        return new Accepted(user.id, user.orgId);
    }

    /** INV-02: decline → the user leaves the organization's list; licensing frees the seat on the event. */
    @Transactional
    public void decline(String token) {
        decline(live(token));
    }

    private void decline(Invitation inv) {
        UserAccount user = invitedUser(inv);
        inv.status = Invitation.Status.DECLINED;
        user.status = UserStatus.DELETED;
        user.deletedAt = Instant.now();
        outbox.publish(new UserDeclined(user.orgId, user.id, user.email));
    }

    private Invitation live(String token) {
        return unexpired(invitations.byTokenHash(hash(token)).filter(i -> i.status == Invitation.Status.PENDING)
                .orElseThrow(() -> new ProblemException(404, "invitation-invalid")));
    }

    /** The pending invitation {@code invitationId} if it was sent to {@code email}, locked; 404 otherwise. */
    private Invitation sentTo(String email, UUID invitationId) {
        Invitation inv = invitations.lockPending(invitationId)
                .orElseThrow(() -> new ProblemException(404, "invitation-invalid"));
        if (!users.inOrganization(inv.orgId, inv.userId).map(u -> u.emailKey.equals(UserAccount.emailKey(email))).orElse(false)) {
            throw new ProblemException(404, "invitation-invalid");
        }
        return unexpired(inv);
    }

    private static Invitation unexpired(Invitation inv) {
        if (Instant.now().isAfter(inv.expiresAt)) {
            throw new ProblemException(410, "invitation-expired");
        }
        return inv;
    }

    /** The invited user, locked; a link of a user who is no longer INVITED (deactivated, removed, active) is dead. */
    private UserAccount invitedUser(Invitation inv) {
        return users.lockInOrganization(inv.orgId, inv.userId).filter(u -> u.status == UserStatus.INVITED)
                .orElseThrow(() -> new ProblemException(404, "invitation-invalid"));
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Tokens are stored hashed: a database leak does not hand out working links. */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
