package dev.kaigi.events.internal;

/**
 * The internal REST endpoints one service calls on another, with a service account's token (role
 * {@code service}). A service account has no organization, so the organization is in the path.
 */
public final class InternalPaths {

    /**
     * {@code POST}, body {@link dev.kaigi.events.user.DeletionTransfers}, answer {@link TransferPreview}:
     * what a deletion with these heirs would move in the answering service (LIF-05). Changes nothing.
     */
    public static final String TRANSFER_PREVIEW = "/api/v1/internal/organizations/{orgId}/users/{userId}/transfer-preview";

    /**
     * {@code GET}, answer a JSON object: everything the answering service keeps about one user (SEC-04), its
     * sections named by the service; secrets (tokens, passwords, hashes of links) are never part of it.
     */
    public static final String USER_PERSONAL_DATA = "/api/v1/internal/organizations/{orgId}/users/{userId}/personal-data";

    /**
     * {@code POST}, body {@link LeadQuery}, answer a JSON object: everything the answering service keeps about
     * one lead, found by email (SEC-04). A POST so that the address is not written into access logs.
     */
    public static final String LEAD_PERSONAL_DATA = "/api/v1/internal/organizations/{orgId}/lead-personal-data";

    private InternalPaths() {
    }
}
