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
    /** A lead's personal data erased from meeting copies, mail records and mailbox backups, as an OWNER asked in user-service (SEC-04). */
    LEAD_ERASED
}
