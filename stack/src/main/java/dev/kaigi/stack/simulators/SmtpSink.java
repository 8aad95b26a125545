package dev.kaigi.stack.simulators;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An SMTP server that keeps every mail instead of delivering it (plain SMTP as Quarkus Mailer speaks it
 * with STARTTLS disabled: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT). Each mail is recorded with its
 * recipients, subject and text, so invitation links and booking mails can be read from
 * {@code GET /simulator/mails}, and put into each recipient's IMAP mailbox ({@link ImapMailboxes}). One thread per
 * connection; the mailer keeps a few connections open.
 */
final class SmtpSink implements AutoCloseable {

    private final ServerSocket server;
    private final Recorder recorder;
    private final ImapMailboxes mailboxes;

    SmtpSink(InetAddress bind, int port, Recorder recorder, ImapMailboxes mailboxes) throws IOException {
        this.server = new ServerSocket(port, 50, bind);
        this.recorder = recorder;
        this.mailboxes = mailboxes;
        Thread acceptor = new Thread(this::acceptLoop, "smtp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread session = new Thread(() -> converse(client), "smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("simulators: SMTP accept failed: " + e);
                }
            }
        }
    }

    private void converse(Socket client) {
        try (client;
             BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
            reply(out, "220 kaigi-simulators ESMTP");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
                switch (command) {
                    case "EHLO" -> reply(out, "250-kaigi-simulators\r\n250-8BITMIME\r\n250 SMTPUTF8");
                    case "HELO", "NOOP" -> reply(out, "250 OK");
                    case "MAIL" -> {
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        recipients.add(line.replaceAll("(?i)^RCPT TO:\\s*<?([^>\\s]*)>?.*$", "$1"));
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        deliver(recipients, readData(in));
                        reply(out, "250 OK: kept");
                    }
                    case "RSET" -> {
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away; nothing to keep
        }
    }

    private static String readData(BufferedReader in) throws IOException {
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            data.append(line.startsWith("..") ? line.substring(1) : line).append('\n');
        }
        return data.toString();
    }

    private void deliver(List<String> recipients, String content) {
        MailText mail = MailText.parse(content);
        recorder.record("mail", "to " + String.join(", ", recipients) + ": " + mail.subject())
                .put("subject", mail.subject()).put("text", mail.text()).put("calendar", mail.calendarMethod())
                .set("to", Recorder.JSON.valueToTree(List.copyOf(recipients)));
        mailboxes.deliver(recipients, content);
    }

    private static void reply(PrintWriter out, String text) {
        out.print(text + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
