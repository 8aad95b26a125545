package dev.kaigi.integration.mailoption;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A user's mail-option settings (INT-06...09). Never an API payload. */
@Entity
@Table(name = "mail_option_setting")
public class MailOptionSetting {

    @Id
    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "org_id")
    public UUID orgId;

    @Enumerated(EnumType.STRING)
    @Column(name = "mailbox_type")
    public MailboxType mailboxType;

    @Column(name = "mailbox_email")
    public String mailboxEmail;

    @Enumerated(EnumType.STRING)
    public Sharing sharing;

    public boolean locked;

    @Column(name = "locked_by")
    public UUID lockedBy;

    @Column(name = "locked_at")
    public Instant lockedAt;

    @Column(name = "user_saved_at")
    public Instant userSavedAt;

    /** The IMAP mailbox a backup reads (INT-11); all five are set together, or none. */
    @Column(name = "imap_host")
    public String imapHost;

    @Column(name = "imap_port")
    public Integer imapPort;

    @Enumerated(EnumType.STRING)
    @Column(name = "imap_security")
    public ImapSecurity imapSecurity;

    @Column(name = "imap_username")
    public String imapUsername;

    /** AES-GCM ciphertext of the password, bound to this row ({@link ImapPasswords}). */
    @Column(name = "imap_password_enc")
    public byte[] imapPasswordEnc;

    @Column(name = "updated_by")
    public UUID updatedBy;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The ETag of the settings; a save with If-Match must find it unchanged. */
    @Version
    public long version;
}
