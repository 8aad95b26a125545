package dev.kaigi.integration.mailoption;

/** How a mail-option user's mailbox is connected (INT-06). */
public enum MailboxType { IMAP, POP, EXCHANGE }
