package dev.kaigi.stack.simulators;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The SMTP simulator shows mails as a person reads them, Japanese ones included, so invitation links can be read and followed. */
class MailTextTest {

    @Test
    @DisplayName("An RFC 2047 subject and a quoted-printable UTF-8 body are decoded")
    void encodedSubjectAndQuotedPrintableBody() {
        String raw = """
                From: Kaigi <no-reply@kaigi.dev>
                To: host@demo.kaigi.dev
                Subject: =?UTF-8?Q?=E3=80=90Kaigi=E3=80=91?=
                 =?UTF-8?B?5paw44GX44GE5ZWG6KuH?=
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: quoted-printable

                =E5=8F=97=E4=BB=98: https://app.example/invitations/abc=
                def/accept
                """;
        MailText mail = MailText.parse(raw);
        assertEquals("【Kaigi】新しい商談", mail.subject());
        assertEquals("受付: https://app.example/invitations/abcdef/accept", mail.text());
    }

    @Test
    @DisplayName("A plain 7-bit mail is kept as it is")
    void plainMail() {
        MailText mail = MailText.parse("Subject: Your meeting is booked\n\nSee you at 10:00.\n");
        assertEquals("Your meeting is booked", mail.subject());
        assertEquals("See you at 10:00.", mail.text());
    }

    @Test
    @DisplayName("MTG-01: of a mail with a calendar invitation, the text part is shown and the invitation's method named")
    void multipartWithInvitation() {
        String raw = """
                Subject: =?UTF-8?Q?Your_meeting_is_booked?=
                MIME-Version: 1.0
                Content-Type: multipart/mixed;
                 boundary="=--vertx_mail_1_2"

                --=--vertx_mail_1_2
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: quoted-printable

                Meeting URL: https://zoom.simulated.kaigi.dev/j/=
                81000000001
                --=--vertx_mail_1_2
                Content-Type: text/calendar; method=REQUEST; charset=UTF-8; name="invite.ics"
                Content-Transfer-Encoding: base64
                Content-Disposition: attachment; filename="invite.ics"

                QkVHSU46VkNBTEVOREFS
                --=--vertx_mail_1_2--
                """;
        MailText mail = MailText.parse(raw);
        assertEquals("Your meeting is booked", mail.subject());
        assertEquals("Meeting URL: https://zoom.simulated.kaigi.dev/j/81000000001", mail.text());
        assertEquals("REQUEST", mail.calendarMethod());
    }
}
