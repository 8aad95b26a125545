-- INT-11: a mailbox backup copies, over IMAP, the messages exchanged with the organization's leads into Kaigi's store.

-- The lead of each booking, as its latest event named them (lower case): a message to or from one of them is the
-- organization's, and the booking's host may read it. Bookings known before this column are filled from their
-- planned reminders, which keep the event's meeting.
alter table booking_sequence add column lead_email text;
update booking_sequence b set lead_email = r.lead_email
from (select distinct on (booking_id) booking_id, lower(meeting -> 'meeting' ->> 'leadEmail') as lead_email
      from meeting_reminder order by booking_id, starts_at desc) r
where r.booking_id = b.booking_id and r.lead_email is not null;
create index booking_sequence_lead on booking_sequence (org_id, lead_email) where lead_email is not null;
create index booking_sequence_host_lead on booking_sequence (host_user_id, lead_email) where lead_email is not null;

-- The user's IMAP mailbox, saved by the user or an OWNER for them with the mail-option settings: the server, how
-- the connection is protected, and the login. The password is an AES-GCM ciphertext bound to the row (SecretCipher).
alter table mail_option_setting add column imap_host text;
alter table mail_option_setting add column imap_port integer check (imap_port between 1 and 65535);
alter table mail_option_setting add column imap_security text check (imap_security in ('SSL', 'STARTTLS', 'NONE'));
alter table mail_option_setting add column imap_username text;
alter table mail_option_setting add column imap_password_enc bytea;
alter table mail_option_setting add constraint mail_option_imap_whole check (
    (imap_host is null) = (imap_port is null) and (imap_host is null) = (imap_security is null)
    and (imap_host is null) = (imap_username is null) and (imap_host is null) = (imap_password_enc is null));

-- A backup copies for a while, may be retried and may fail. Its worker holds it through a lease (claimed_by,
-- lease_until), renewed with each batch, so an instance that died leaves it to another once the lease ran out.
-- A transient failure (the server unreachable) waits until next_attempt_at, longer each time; a lasting one (the login
-- refused) or too many attempts make it FAILED with failure_reason, which the admin sees.
alter table mailbox_backup drop constraint mailbox_backup_status_check;
alter table mailbox_backup add constraint mailbox_backup_status_check check (status in ('IN_PROGRESS', 'COMPLETED', 'FAILED'));
alter table mailbox_backup add column claimed_by      uuid;
alter table mailbox_backup add column lease_until     timestamptz;
alter table mailbox_backup add column attempts        integer     not null default 0;
alter table mailbox_backup add column next_attempt_at timestamptz;
alter table mailbox_backup add column last_error      text;
alter table mailbox_backup add column failure_reason  text;
alter table mailbox_backup add column failed_at       timestamptz;
alter table mailbox_backup add column messages_copied integer     not null default 0;
alter table mailbox_backup add constraint mailbox_backup_failed check ((status = 'FAILED') = (failure_reason is not null));
drop index mailbox_backup_in_progress;
create index mailbox_backup_due on mailbox_backup (requested_at) where status = 'IN_PROGRESS';

-- How far a backup has gone through each folder: the folder's UIDVALIDITY when it was read and the highest UID done.
-- A restart goes on after last_uid; a folder whose UIDVALIDITY changed is read again from the start.
create table mailbox_backup_folder (
    backup_id    uuid        not null references mailbox_backup (id) on delete cascade,
    folder       text        not null,
    uid_validity bigint      not null,
    last_uid     bigint      not null,
    done         boolean     not null default false,
    updated_at   timestamptz not null default now(),
    primary key (backup_id, folder)
);

-- The copied messages, once per mailbox however many backups and folders saw them: message_key is the Message-ID,
-- or folder, UIDVALIDITY and UID for a message without one. The raw RFC 822 bytes are gzip-compressed; the headers a
-- list shows are kept beside them. lead_emails are the organization's leads the message was exchanged with: their
-- meetings' hosts may read it. A message is shown once the backup that copied it is COMPLETED.
create table backed_up_message (
    id              uuid        primary key,
    org_id          uuid        not null,
    mailbox_user_id uuid        not null,
    backup_id       uuid        not null references mailbox_backup (id),
    message_key     text        not null,
    folder          text        not null,
    uid             bigint      not null,
    message_id      text,
    from_address    text,
    to_addresses    text[]      not null,
    cc_addresses    text[]      not null,
    subject         text,
    sent_at         timestamptz,
    lead_emails     text[]      not null check (cardinality(lead_emails) > 0),
    size_bytes      integer     not null,
    raw_gzip        bytea       not null,
    stored_at       timestamptz not null default now(),
    constraint backed_up_message_once unique (mailbox_user_id, message_key)
);
create index backed_up_message_org on backed_up_message (org_id, sent_at desc, id);
create index backed_up_message_leads on backed_up_message using gin (lead_emails);
