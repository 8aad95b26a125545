package dev.kaigi.chassis.audit;

/**
 * Who made a change, as the audit trail names them: a Kaigi user, or the OAuth client of a partner
 * integration or another service; both empty when the system acted on its own (an event, a job).
 *
 * @param userId   the acting user's id ({@code uid})
 * @param clientId the acting client ({@code azp}, else the token's subject) when no user acted
 */
record AuditActor(java.util.UUID userId, String clientId) {

    static final AuditActor SYSTEM = new AuditActor(null, null);
}
