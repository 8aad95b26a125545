package dev.kaigi.integration.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kaigi.chassis.audit.AuditEventView;
import dev.kaigi.chassis.audit.AuditEvents;
import dev.kaigi.chassis.privacy.Capped;
import dev.kaigi.chassis.privacy.LeadEmailQuery;
import dev.kaigi.chassis.privacy.PersonalDataRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What integration-service keeps about a user or a lead (SEC-04), read from its own tables section by section. No
 * secret is part of it: not the OAuth or bot tokens, not the IMAP password, not a message's raw bytes (its headers
 * are listed; the message itself is read through the backed-up messages API).
 */
@ApplicationScoped
public class IntegrationPersonalData {

    /** The most rows a list section answers; older ones are left out and the section says so. */
    static final int LIMIT = 10_000;

    private static final String MESSAGE_COLUMNS = """
            select id, mailbox_user_id, backup_id, folder, message_id, from_address, to_addresses, cc_addresses, subject,
                   sent_at, lead_emails, size_bytes, stored_at
            from backed_up_message""";

    @Inject
    PersonalDataRows rows;
    @Inject
    AuditEvents audit;

    /** What this service keeps about a user; each section empty (null or no items) for a user it does not know. */
    @Schema(name = "IntegrationUserPersonalData")
    public record UserData(
            @Schema(description = "The user read model: name, email, role, status, locale, Slack member id, Zoom personal URL, signature, contact") JsonNode profile,
            @Schema(description = "Their Zoom account: id, email, scope, when linked") JsonNode zoomConnection,
            @Schema(description = "Calendar accounts they linked, and Salesforce connections they made: provider, account, when linked") List<JsonNode> providerConnections,
            @Schema(description = "Slack workspaces they installed Kaigi into") List<JsonNode> slackInstallations,
            @Schema(description = "Their mail-option settings: mailbox, sharing, lock, IMAP server and login name") JsonNode mailOption,
            @Schema(description = "Backups of their mailbox") Capped<JsonNode> mailboxBackups,
            @Schema(description = "Headers of the messages copied from their mailbox") Capped<JsonNode> backedUpMessages,
            @Schema(description = "The side effects of the meetings they host or whose Zoom meeting or calendar event is in their account") Capped<JsonNode> meetingSideEffects,
            @Schema(description = "The booking notifications they subscribed to (LIF-05)") List<JsonNode> notificationSubscriptions,
            @Schema(description = "Salesforce ownership transfers from them as a deleted user, or to them as heir (LIF-05)") List<JsonNode> salesforceOwnershipTransfers,
            @Schema(description = "Audit entries naming them as actor or target") Capped<AuditEventView> auditEntries) {
    }

    /** What this service keeps about a lead. */
    @Schema(name = "IntegrationLeadPersonalData")
    public record LeadData(
            @Schema(description = "The copies of their bookings: host and sequence as last applied") Capped<JsonNode> meetings,
            @Schema(description = "The mails sent to them about their meetings") Capped<JsonNode> mailsSent,
            @Schema(description = "Their meetings' reminders, planned or sent, with the meeting as the mail shows it") Capped<JsonNode> reminders,
            @Schema(description = "Headers of the backed-up messages exchanged with them") Capped<JsonNode> backedUpMessages,
            @Schema(description = "The erasures of this lead applied here") List<JsonNode> erasures) {
    }

    @Transactional
    public UserData ofUser(UUID orgId, UUID userId) {
        Map<String, ?> p = Map.of("org", orgId, "user", userId);
        return new UserData(
                rows.one("""
                        select user_id, email, last_name, first_name, user_type, role, status, locale, slack_member_id,
                               zoom_personal_meeting_url, email_signature, contact, reactivated_at, updated_at
                        from user_profile where org_id = :org and user_id = :user""", p),
                rows.one("""
                        select zoom_user_id, zoom_email, scope, relink_required, linked_at, updated_at
                        from zoom_connection where org_id = :org and user_id = :user""", p),
                rows.list("""
                        select id, provider, user_id, account_id, account_email, instance_url, scope, relink_required,
                               linked_by, linked_at, last_synced_at, last_sync_outcome
                        from oauth_connection where org_id = :org and (user_id = :user or linked_by = :user)
                        order by linked_at desc""", p, LIMIT).items(),
                rows.list("""
                        select id, team_id, team_name, status, installed_at, revoked_at, revoked_reason
                        from slack_installation where org_id = :org and installed_by = :user
                        order by installed_at desc""", p, LIMIT).items(),
                rows.one("""
                        select mailbox_type, mailbox_email, sharing, locked, locked_by, locked_at, user_saved_at, updated_by,
                               updated_at, imap_host, imap_port, imap_security, imap_username
                        from mail_option_setting where org_id = :org and user_id = :user""", p),
                rows.list("""
                        select id, kind, status, mailbox_email, requested_by, requested_at, completed_at, failed_at,
                               failure_reason, messages_copied
                        from mailbox_backup where org_id = :org and user_id = :user
                        order by requested_at desc""", p, LIMIT),
                rows.list(MESSAGE_COLUMNS + " where org_id = :org and mailbox_user_id = :user order by stored_at desc, id",
                        p, LIMIT),
                rows.list("""
                        select f.subject_id as booking_id, f.sequence, f.kind, f.outcome, f.result, f.detail, f.completed_at
                        from side_effect f
                        where f.org_id = :org
                          and (f.account_user_id = :user
                               or f.subject_id in (select booking_id from booking_sequence
                                                   where org_id = :org and host_user_id = :user))
                        order by f.completed_at desc""", p, LIMIT),
                rows.list("""
                        select id, meeting_type_id, channel, created_at
                        from notification_subscription where org_id = :org and user_id = :user
                        order by created_at, id""", p, LIMIT).items(),
                rows.list("""
                        select id, deleted_user_id, heir_user_id, status, moved, failed, detail, transferred_at
                        from salesforce_ownership_transfer where org_id = :org and (deleted_user_id = :user or heir_user_id = :user)
                        order by transferred_at desc""", p, LIMIT).items(),
                audit.aboutUser(orgId, userId, LIMIT));
    }

    @Transactional
    public LeadData ofLead(UUID orgId, LeadEmailQuery lead) {
        Map<String, ?> p = Map.of("org", orgId, "email", lead.normalized());
        String theirs = "select booking_id from booking_sequence where org_id = :org and lead_email = :email";
        return new LeadData(
                rows.list("""
                        select booking_id, host_user_id, sequence, booked_at, applied_at
                        from booking_sequence where org_id = :org and lead_email = :email
                        order by applied_at desc""", p, LIMIT),
                rows.list("""
                        select subject_id as booking_id, sequence, outcome, detail, completed_at
                        from side_effect where kind = 'LEAD_MAIL' and subject_id in (""" + theirs + """
                        ) order by completed_at desc""", p, LIMIT),
                rows.list("""
                        select booking_id, minutes_before, starts_at, due_at, outcome, done_at, meeting -> 'meeting' as meeting
                        from meeting_reminder where booking_id in (""" + theirs + """
                        ) order by due_at desc""", p, LIMIT),
                rows.list(MESSAGE_COLUMNS + " where org_id = :org and :email = any (lead_emails) order by stored_at desc, id",
                        p, LIMIT),
                rows.list("""
                        select erasure_id, erased_at, by_user_id, applied_at from lead_erasure
                        where org_id = :org and email_hash = :hash order by erased_at desc""",
                        Map.of("org", orgId, "hash", lead.hash()), LIMIT).items());
    }
}
