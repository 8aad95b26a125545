package dev.kaigi.user.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.events.internal.LeadQuery;
import dev.kaigi.events.user.LeadErased;
import dev.kaigi.user.audit.AuditLog;
import dev.kaigi.user.directory.UserRepository;
import dev.kaigi.user.peer.Peer;
import dev.kaigi.user.peer.PeerApi;
import dev.kaigi.user.peer.PeerServices;
import dev.kaigi.user.security.Actor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * SEC-04's export: one JSON document with a section per service, user-service's own and each other
 * service's answer to its internal personal-data endpoint. A document that misses a service would
 * claim to be everything while it is not, so a service that cannot answer fails the export (503)
 * and the OWNER tries again. Every export is audited: it hands out a person's data.
 */
@ApplicationScoped
class PersonalDataExports {

    private static final Logger LOG = Logger.getLogger(PersonalDataExports.class);

    @Inject
    OwnPersonalData own;
    @Inject
    PeerServices peers;
    @Inject
    UserRepository users;
    @Inject
    AuditLog audit;
    @Inject
    ObjectMapper json;

    ObjectNode ofUser(Actor owner, UUID userId) {
        QuarkusTransaction.requiringNew().run(() -> users.inOrganization(owner.orgId(), userId)
                .orElseThrow(() -> ProblemException.notFound("user")));
        ObjectNode document = document(owner, "userId", userId.toString());
        ObjectNode services = document.putObject("services");
        services.set("user-service", own.ofUser(owner.orgId(), userId));
        gather(services, api -> api.userPersonalData(owner.orgId(), userId));
        audited(owner, userId, Map.of("subject", "user", "userId", userId));
        return document;
    }

    ObjectNode ofLead(Actor owner, String email) {
        ObjectNode document = document(owner, "leadEmail", email);
        ObjectNode services = document.putObject("services");
        services.set("user-service", own.ofLead());
        gather(services, api -> api.leadPersonalData(owner.orgId(), new LeadQuery(email)));
        audited(owner, null, Map.of("subject", "lead", "leadEmailHash", LeadErased.hashOf(email)));
        return document;
    }

    private ObjectNode document(Actor owner, String subjectField, String subject) {
        ObjectNode document = json.createObjectNode();
        document.put("organizationId", owner.orgId().toString());
        document.put("generatedAt", Instant.now().toString());
        document.putObject("subject").put(subjectField, subject);
        return document;
    }

    private void gather(ObjectNode services, Function<PeerApi, JsonNode> ask) {
        for (Peer peer : Peer.values()) {
            try {
                services.set(peer.serviceName(), ask.apply(peers.of(peer)));
            } catch (RuntimeException e) {
                LOG.warnf("%s could not answer a personal-data export: %s", peer.serviceName(), e.toString());
                throw new ProblemException(503, "personal-data-service-unavailable", peer.serviceName());
            }
        }
    }

    private void audited(Actor owner, UUID target, Map<String, ?> what) {
        QuarkusTransaction.requiringNew().run(() ->
                audit.record(owner.orgId(), owner.userId(), AuditLog.Action.PERSONAL_DATA_EXPORTED, target, null, what));
    }
}
