package dev.kaigi.integration.mailoption.backup;

import dev.kaigi.chassis.paging.Page;
import dev.kaigi.chassis.paging.PageRequest;
import dev.kaigi.chassis.problem.ProblemException;
import dev.kaigi.integration.mailoption.MailOptionService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

/**
 * The backed-up mail a reader may see (INT-11): a message of a COMPLETED backup of their organization, and, but for
 * an OWNER, one exchanged with a lead of a meeting they host (as of the booking's latest event) or one of their own
 * mailbox. What they may not see does not exist for them.
 */
@ApplicationScoped
public class BackedUpMessageService {

    private static final String COLUMNS = """
            m.id, m.mailbox_user_id, m.backup_id, m.folder, m.message_id, m.from_address,
            array_to_string(m.to_addresses, chr(10)), array_to_string(m.cc_addresses, chr(10)), m.subject, m.sent_at,
            array_to_string(m.lead_emails, chr(10)), m.size_bytes
            """;

    /**
     * What a reader sees, decided here alone: an OWNER ({@code :all}) everything of the organization, another user
     * their own mailbox's and what was exchanged with the leads of the bookings they host.
     */
    private static final String VISIBLE = """
            from backed_up_message m join mailbox_backup b on b.id = m.backup_id and b.status = 'COMPLETED'
            where m.org_id = :org
              and (:all or m.mailbox_user_id = :me
                   or exists (select 1 from booking_sequence s where s.host_user_id = :me and s.org_id = m.org_id
                                and s.lead_email = any (m.lead_emails)))
            """;

    @Inject
    EntityManager em;

    /** One page, newest first; {@code mailboxUserId} and {@code lead} narrow it when given. */
    @Transactional
    public Page<BackedUpMessageSummary> list(BackedUpMessagePermissions.Reader reader, UUID mailboxUserId, String lead,
                                             PageRequest page) {
        String filters = (mailboxUserId == null ? "" : " and m.mailbox_user_id = :mailbox")
                + (lead == null ? "" : " and cast(:lead as text) = any (m.lead_emails)");
        Query count = bind(em.createNativeQuery("select count(*) " + VISIBLE + filters), reader, mailboxUserId, lead);
        long total = ((Number) count.getSingleResult()).longValue();
        Query rows = bind(em.createNativeQuery("select " + COLUMNS + VISIBLE + filters
                + " order by m.sent_at desc nulls last, m.id limit :limit offset :offset"), reader, mailboxUserId, lead)
                .setParameter("limit", page.size()).setParameter("offset", page.offset());
        return Page.of(rows.getResultList().stream().map(r -> summary((Object[]) r)).toList(), page, total);
    }

    /** The message's headers, text and attachment names. */
    @Transactional
    public BackedUpMessageView read(BackedUpMessagePermissions.Reader reader, UUID id) {
        Object[] row = (Object[]) one(reader, id, COLUMNS + ", m.raw_gzip");
        MessageText text = MessageText.of(gunzip((byte[]) row[12]));
        return new BackedUpMessageView(summary(row), text.text(), text.attachments());
    }

    /** The message as it was in the mailbox (RFC 822), for a mail client. */
    @Transactional
    public byte[] raw(BackedUpMessagePermissions.Reader reader, UUID id) {
        return gunzip((byte[]) one(reader, id, "m.raw_gzip"));
    }

    private Object one(BackedUpMessagePermissions.Reader reader, UUID id, String columns) {
        List<?> found = bind(em.createNativeQuery("select " + columns + " " + VISIBLE + " and m.id = :id"), reader, null, null)
                .setParameter("id", id).getResultList();
        return found.stream().findFirst().orElseThrow(() -> ProblemException.notFound("message"));
    }

    private static Query bind(Query q, BackedUpMessagePermissions.Reader reader, UUID mailboxUserId, String lead) {
        q.setParameter("org", reader.orgId()).setParameter("me", reader.userId()).setParameter("all", reader.readsAll());
        if (mailboxUserId != null) {
            q.setParameter("mailbox", mailboxUserId);
        }
        if (lead != null) {
            q.setParameter("lead", lead.trim().toLowerCase(Locale.ROOT));
        }
        return q;
    }

    private static BackedUpMessageSummary summary(Object[] r) {
        return new BackedUpMessageSummary((UUID) r[0], (UUID) r[1], (UUID) r[2], (String) r[3], (String) r[4],
                (String) r[5], lines(r[6]), lines(r[7]), (String) r[8], MailOptionService.instant(r[9]), lines(r[10]),
                ((Number) r[11]).intValue());
    }

    private static List<String> lines(Object joined) {
        return joined == null || ((String) joined).isEmpty() ? List.of() : Arrays.asList(((String) joined).split("\n"));
    }

    private static byte[] gunzip(byte[] gzipped) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("a stored message that cannot be read", e);
        }
    }
}
