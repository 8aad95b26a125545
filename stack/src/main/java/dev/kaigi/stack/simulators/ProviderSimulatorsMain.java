package dev.kaigi.stack.simulators;

import com.sun.net.httpserver.HttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * The providers integration-service talks to, for the local stack: Zoom, Google Calendar, Microsoft Graph
 * and Slack on one HTTP port ({@link ProviderApis}), an SMTP server that keeps the mails ({@link SmtpSink}), and
 * the recipients' IMAP mailboxes that mailbox backups read ({@link ImapMailboxes}), and partners' webhook endpoints
 * that verify what integration-service delivers ({@link WebhookReceivers}, on the HTTP port). All listen on the
 * loopback address unless told otherwise. What arrived can be read at {@code GET /simulator/records} and
 * {@code GET /simulator/mails?to=ADDRESS}, or over IMAP.
 *
 * <pre>java -cp 'stack/target/classes:stack/target/lib/*' dev.kaigi.stack.simulators.ProviderSimulatorsMain HTTP_PORT SMTP_PORT IMAP_PORT</pre>
 */
public final class ProviderSimulatorsMain {

    private ProviderSimulatorsMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: ProviderSimulatorsMain HTTP_PORT SMTP_PORT IMAP_PORT [BIND_ADDRESS]");
            System.exit(2);
        }
        Recorder recorder = new Recorder();
        ProviderApis apis = new ProviderApis(recorder);
        InetAddress bind = args.length == 4 ? InetAddress.getByName(args[3]) : InetAddress.getLoopbackAddress();
        HttpServer http = HttpServer.create(new InetSocketAddress(bind, Integer.parseInt(args[0])), 64);
        http.createContext("/", apis::handle);
        WebhookReceivers webhooks = new WebhookReceivers(recorder);
        http.createContext("/simulator/webhook-receivers/", webhooks::manage);
        http.createContext("/simulator/webhooks/", webhooks::endpoint);
        http.setExecutor(Executors.newFixedThreadPool(4));
        ImapMailboxes imap = new ImapMailboxes(bind, Integer.parseInt(args[2]));
        SmtpSink smtp = new SmtpSink(bind, Integer.parseInt(args[1]), recorder, imap);
        http.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.stop(0);
            try {
                smtp.close();
            } catch (java.io.IOException ignored) {
                // exiting anyway
            }
            imap.close();
            stopped.countDown();
        }, "simulators-stop"));
        System.out.println("simulators: providers and webhook receivers on http://" + bind.getHostAddress() + ":" + args[0] + ", SMTP on " + bind.getHostAddress() + ":" + args[1]
                + ", IMAP on " + bind.getHostAddress() + ":" + args[2] + " (login: the address, password " + ImapMailboxes.PASSWORD + ")");
        stopped.await();
    }
}
