package dev.kaigi.integration.invitation;

import dev.kaigi.chassis.inbox.DependencyUnavailableException;
import dev.kaigi.chassis.inbox.EventSubscriber;
import dev.kaigi.chassis.inbox.EventSubscriptions;
import dev.kaigi.events.EventTypes;
import dev.kaigi.events.user.UserInvited;
import dev.kaigi.integration.mail.MailConfig;
import dev.kaigi.integration.mail.MailSender;
import dev.kaigi.integration.mail.MessageIds;
import dev.kaigi.integration.mail.MailTemplates;
import dev.kaigi.integration.meeting.SideEffects;
import dev.kaigi.integration.provider.ProviderFailures;
import dev.kaigi.integration.provider.ProviderRejectedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * INV-01, INV-03, INT-05: the invitation mail with the accept and decline links, in the invitation's language.
 * A re-invitation is a new event with a new token, so a new mail; the same invitation delivered again is not
 * mailed twice (recorded under a name derived from its token, never the token itself).
 */
@ApplicationScoped
public class InvitationMailHandler implements EventSubscriber {

    private static final Logger LOG = Logger.getLogger(InvitationMailHandler.class);

    @Inject
    MailTemplates templates;
    @Inject
    MailSender mail;
    @Inject
    MailConfig config;
    @Inject
    SideEffects effects;
    @Inject
    MessageIds messageIds;

    @Override
    public void subscribe(EventSubscriptions on) {
        on.event(EventTypes.USER_INVITED, this::mail);
    }

    private void mail(UserInvited e) {
        UUID invitation = UUID.nameUUIDFromBytes(("invitation:" + e.invitationToken()).getBytes(StandardCharsets.UTF_8));
        if (effects.find(invitation, SideEffects.Kind.INVITATION_MAIL).isPresent()) {
            return;
        }
        String base = config.frontendUrl().replaceAll("/+$", "") + "/invitations/" + encode(e.invitationToken());
        Map<String, Object> data = new HashMap<>();
        data.put("organizationName", e.organizationName());
        data.put("lastName", e.lastName());
        data.put("firstName", e.firstName());
        data.put("acceptUrl", base + "/accept");
        data.put("declineUrl", base + "/decline");
        data.put("expiresAt", templates.date(e.locale(), e.expiresAt(), "ja".equals(templates.language(e.locale()))
                ? "Asia/Tokyo" : "UTC") + ("ja".equals(templates.language(e.locale())) ? "" : " UTC"));
        SideEffects.Outcome outcome = SideEffects.Outcome.DONE;
        String detail = null;
        try {
            mail.send(messageIds.of(invitation, 0, SideEffects.Kind.INVITATION_MAIL.name(), null), e.email(), null,
                    templates.render("invitation", e.locale(), data), null);
        } catch (ProviderRejectedException refused) {
            LOG.warnf("invitation mail of user %s refused: %s", e.userId(), refused.reason());
            outcome = SideEffects.Outcome.FAILED;
            detail = refused.provider() + ": " + refused.reason();
        } catch (RuntimeException failure) {
            if (ProviderFailures.isTransient(failure)) {
                throw new DependencyUnavailableException("invitation mail of user " + e.userId() + " waits", failure);
            }
            throw failure;
        }
        effects.record(invitation, e.orgId(), SideEffects.Kind.INVITATION_MAIL, outcome, null, detail);
    }

    private static String encode(String token) {
        return java.net.URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
