package dev.kaigi.integration.simulators;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Starts the providers' simulators for the test JVM and points the service at them: Zoom, Slack, Salesforce, Google and Microsoft on
 * WireMock, a real SMTP server and a real IMAP server (GreenMail). The service's client code runs unchanged against them.
 */
public class ProviderSimulators implements QuarkusTestResourceLifecycleManager {

    private static ZoomSimulator zoom;
    private static SlackSimulator slack;
    private static SalesforceSimulator salesforce;
    private static CalendarSimulator calendar;
    private static GreenMail smtp;
    private static GreenMail imap;

    @Override
    public synchronized Map<String, String> start() {
        if (zoom == null) {
            zoom = new ZoomSimulator();
            zoom.start();
            slack = new SlackSimulator();
            slack.start();
            salesforce = new SalesforceSimulator();
            salesforce.start();
            calendar = new CalendarSimulator();
            calendar.start();
            smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
            smtp.start();
            imap = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
            imap.start();
        }
        return Map.ofEntries(
                Map.entry("kaigi.zoom.oauth-url", zoom.url()),
                Map.entry("kaigi.zoom.api-url", zoom.url()),
                Map.entry("kaigi.zoom.client-id", ZoomSimulator.CLIENT_ID),
                Map.entry("kaigi.zoom.client-secret", ZoomSimulator.CLIENT_SECRET),
                Map.entry("kaigi.zoom.redirect-uri", "https://app.kaigi.test/integrations/zoom/callback"),
                Map.entry("kaigi.slack.api-url", slack.url()),
                Map.entry("kaigi.slack.client-id", SlackSimulator.CLIENT_ID),
                Map.entry("kaigi.slack.client-secret", SlackSimulator.CLIENT_SECRET),
                Map.entry("kaigi.slack.redirect-uri", SlackSimulator.REDIRECT_URI),
                Map.entry("kaigi.salesforce.login-url", salesforce.url()),
                Map.entry("kaigi.salesforce.client-id", SalesforceSimulator.CLIENT_ID),
                Map.entry("kaigi.salesforce.client-secret", SalesforceSimulator.CLIENT_SECRET),
                Map.entry("kaigi.salesforce.redirect-uri", "https://app.kaigi.test/integrations/salesforce/callback"),
                Map.entry("kaigi.salesforce.instance-url-pattern", "http://localhost:[0-9]+"),
                Map.entry("kaigi.calendar.redirect-uri", "https://app.kaigi.test/integrations/calendar/callback"),
                Map.entry("kaigi.calendar.google.auth-url", calendar.url()),
                Map.entry("kaigi.calendar.google.token-url", calendar.url()),
                Map.entry("kaigi.calendar.google.api-url", calendar.url()),
                Map.entry("kaigi.calendar.google.client-id", CalendarSimulator.CLIENT_ID),
                Map.entry("kaigi.calendar.google.client-secret", CalendarSimulator.CLIENT_SECRET),
                Map.entry("kaigi.calendar.microsoft.login-url", calendar.url()),
                Map.entry("kaigi.calendar.microsoft.graph-url", calendar.url()),
                Map.entry("kaigi.calendar.microsoft.client-id", CalendarSimulator.CLIENT_ID),
                Map.entry("kaigi.calendar.microsoft.client-secret", CalendarSimulator.CLIENT_SECRET),
                Map.entry("kaigi.mail.frontend-url", "https://app.kaigi.test"),
                Map.entry("quarkus.mailer.host", "127.0.0.1"),
                Map.entry("quarkus.mailer.port", String.valueOf(smtp.getSmtp().getPort())),
                Map.entry("quarkus.mailer.start-tls", "DISABLED"),
                Map.entry("quarkus.mailer.from", "Kaigi <no-reply@kaigi.test>"));
    }

    @Override
    public void stop() {
        // the simulators live as long as the test JVM, like the broker and the database
    }

    public static ZoomSimulator zoom() {
        return zoom;
    }

    public static SalesforceSimulator salesforce() {
        return salesforce;
    }

    public static CalendarSimulator calendar() {
        return calendar;
    }

    public static SlackSimulator slack() {
        return slack;
    }

    public static GreenMail smtp() {
        return smtp;
    }

    /** The users' IMAP mailboxes that backups read (INT-11), apart from the SMTP server's. */
    public static GreenMail imap() {
        return imap;
    }

    /** Mails the SMTP server received for {@code address}. */
    public static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                Address[] to = m.getAllRecipients();
                return to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
