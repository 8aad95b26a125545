package dev.kaigi.faults.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The SMTP server integration-service mails to: accepts every message and counts the messages
 * delivered to each recipient, which is how a test sees a booking's lead and host mails, and sees
 * them twice if an event was applied twice. It keeps each message's {@code Message-ID} too: a mail sent again
 * after a crash carries the same one, so it can be told from a second mail.
 */
public final class MailSink implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService sessions = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mail-sink");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
    private final AtomicInteger messages = new AtomicInteger();
    private final Map<String, List<String>> messageIds = new ConcurrentHashMap<>();

    MailSink() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        sessions.submit(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Messages delivered to {@code address} so far. */
    public int deliveredTo(String address) {
        AtomicInteger n = delivered.get(address.toLowerCase(Locale.ROOT));
        return n == null ? 0 : n.get();
    }

    /** The {@code Message-ID}s of the messages delivered to {@code address}, in order, repeats included. */
    public List<String> messageIdsTo(String address) {
        List<String> ids = messageIds.get(address.toLowerCase(Locale.ROOT));
        return ids == null ? List.of() : List.copyOf(ids);
    }

    public int messages() {
        return messages.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sessions.submit(() -> session(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void session(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 mail-sink ESMTP");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, "250 mail-sink");
                } else if (command.startsWith("MAIL FROM")) {
                    recipients.clear();
                    reply(out, "250 OK");
                } else if (command.startsWith("RCPT TO")) {
                    recipients.add(line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')).toLowerCase(Locale.ROOT));
                    reply(out, "250 OK");
                } else if (command.equals("DATA")) {
                    reply(out, "354 End data with <CR><LF>.<CR><LF>");
                    String messageId = null;
                    boolean headers = true;
                    while ((line = in.readLine()) != null && !line.equals(".")) {
                        headers = headers && !line.isEmpty(); // the body is not needed: who it went to, and its id, are
                        if (headers && line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                            messageId = line.substring(11).trim();
                        }
                    }
                    String id = messageId;
                    recipients.forEach(r -> {
                        delivered.computeIfAbsent(r, k -> new AtomicInteger()).incrementAndGet();
                        messageIds.computeIfAbsent(r, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(String.valueOf(id));
                    });
                    messages.incrementAndGet();
                    recipients.clear();
                    reply(out, "250 OK queued");
                } else if (command.equals("QUIT")) {
                    reply(out, "221 Bye");
                    return;
                } else {
                    reply(out, "250 OK"); // RSET, NOOP
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        sessions.shutdownNow();
    }
}
