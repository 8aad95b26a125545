package dev.kaigi.integration.audit;

/** The administrative changes integration-service records in its audit trail (SEC-02). */
public enum AuditAction {
    /** A Zoom, calendar or Salesforce account linked, or replaced by another; Slack installed (INT-01, INT-03, INT-04, INT-10). */
    CONNECTION_LINKED,
    /** A Zoom, calendar or Salesforce account unlinked; Slack uninstalled. */
    CONNECTION_UNLINKED,
    /** A user's mailbox and sharing saved, by the user or an OWNER (INT-06). */
    MAIL_OPTION_SETTINGS_SAVED,
    /** A user's mail-option settings locked (INT-08). */
    MAIL_OPTION_LOCKED,
    /** A user's mail-option settings unlocked (INT-08). */
    MAIL_OPTION_UNLOCKED,
    /** A mailbox backup or latest backup started (INT-07, INT-09). */
    MAILBOX_BACKUP_STARTED,
    /** A user subscribed to booking notifications, by themself or by an OWNER (LIF-05). */
    NOTIFICATION_SUBSCRIPTION_ADDED,
    /** A booking notification subscription removed. */
    NOTIFICATION_SUBSCRIPTION_REMOVED,
    /** A deleted user's notification subscriptions handed to their heir or dropped (LIF-05). */
    NOTIFICATION_SUBSCRIPTIONS_TRANSFERRED,
    /** A deleted user's open Salesforce opportunities handed to their heir's Salesforce user (LIF-05). */
    SALESFORCE_OWNERSHIP_TRANSFERRED,
    /** A lead's personal data erased from meeting copies, mail records and mailbox backups, as an OWNER asked in user-service (SEC-04). */
    LEAD_ERASED,
    /** A partner webhook subscription created by an OWNER or a partner (HOOK-01). */
    WEBHOOK_SUBSCRIPTION_CREATED,
    /** A webhook subscription's URL, event types, description or switch changed. */
    WEBHOOK_SUBSCRIPTION_UPDATED,
    /** A webhook subscription deleted. */
    WEBHOOK_SUBSCRIPTION_DELETED,
    /** A webhook subscription's signing secret rotated (HOOK-02); the values are never recorded. */
    WEBHOOK_SECRET_ROTATED,
    /** A webhook subscription switched off by the service: its endpoint answered 410 or kept failing (HOOK-03). */
    WEBHOOK_SUBSCRIPTION_DISABLED,
    /** A webhook delivery sent again by hand (HOOK-03). */
    WEBHOOK_DELIVERY_RESENT
}
