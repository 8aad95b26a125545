package dev.kaigi.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A minimal SMTP server (RFC 5321: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no TLS, no AUTH) that
 * accepts every mail and hands its recipients and raw content to {@code delivered} when the client ends
 * the DATA with "." — the moment a real relay would have taken responsibility for the mail — before
 * answering 250. A thread per connection: Quarkus Mailer keeps a few connections open and reuses them.
 */
final class SmtpSink implements AutoCloseable {

    private final ServerSocket server;
    private final BiConsumer<List<String>, String> delivered;
    private final Thread acceptor;
    private volatile boolean open = true;

    SmtpSink(int port, BiConsumer<List<String>, String> delivered) throws IOException {
        this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        this.delivered = delivered;
        this.acceptor = new Thread(this::accept, "smtp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (open) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> session(s), "smtp-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (open) {
                    System.err.println("bench: smtp sink: accept failed: " + e);
                }
            }
        }
    }

    private void session(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = socket.getOutputStream()) {
            socket.setTcpNoDelay(true);
            reply(out, "220 bench-smtp ESMTP ready");
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String verb = (line.length() >= 4 ? line.substring(0, 4) : line).toUpperCase(java.util.Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> reply(out, "250-bench-smtp\r\n250-8BITMIME\r\n250-SIZE 10485760\r\n250 OK");
                    case "HELO" -> reply(out, "250 bench-smtp");
                    case "MAIL" -> {
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        int lt = line.indexOf('<');
                        int gt = line.indexOf('>', lt + 1);
                        recipients.add(lt >= 0 && gt > lt ? line.substring(lt + 1, gt) : line.substring(line.indexOf(':') + 1).trim());
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        StringBuilder content = new StringBuilder(4096);
                        String data;
                        while ((data = in.readLine()) != null && !data.equals(".")) {
                            content.append(data.startsWith("..") ? data.substring(1) : data).append("\r\n");
                        }
                        delivered.accept(List.copyOf(recipients), content.toString());
                        recipients.clear();
                        reply(out, "250 OK queued");
                    }
                    case "RSET" -> {
                        recipients.clear();
                        reply(out, "250 OK");
                    }
                    case "NOOP" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 command not implemented");
                }
            }
        } catch (SocketException e) {
            // the client went away
        } catch (IOException e) {
            System.err.println("bench: smtp sink: session failed: " + e);
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
    }
}
