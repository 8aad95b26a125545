package dev.kaigi.integration.mail;

import dev.kaigi.chassis.text.ControlCharacters;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plain-text mail templates in Japanese and English ({@code templates/mail/<name>.<ja|en>.txt}, Qute):
 * the first line is the subject, the rest the body. Plain text, so nothing a user typed becomes markup,
 * and a subject of one line, so nothing a user typed becomes a header.
 */
@ApplicationScoped
public class MailTemplates {

    private static final DateTimeFormatter JA_DAY = DateTimeFormatter.ofPattern("yyyy年M月d日(E) HH:mm", Locale.JAPANESE);
    private static final DateTimeFormatter EN_DAY = DateTimeFormatter.ofPattern("EEE, MMM d, yyyy HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    @Inject
    Engine engine;
    @Inject
    MailConfig config;

    private final Map<String, Parts> templates = new ConcurrentHashMap<>();

    /**
     * A mail's subject and body. The subject is made one line here, whatever reached it: a line break
     * in a header value would end the header and let the rest of the value add headers or start the body.
     */
    public record Rendered(String subject, String body) {

        public Rendered {
            subject = oneLine(subject);
        }
    }

    /** {@code text} with every control character and line separator, and any run of them, turned into one space. */
    public static String oneLine(String text) {
        StringBuilder line = new StringBuilder(text.length());
        boolean inBreak = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean breaking = ControlCharacters.breaksLine(c);
            if (!breaking) {
                line.append(c);
            } else if (!inBreak) {
                line.append(' ');
            }
            inBreak = breaking;
        }
        return line.toString().strip();
    }

    /** {@code ja} for Japanese, {@code en} for English; anything else falls back to the configured default. */
    public String language(String locale) {
        String candidate = locale == null ? "" : locale.trim().toLowerCase(Locale.ROOT);
        if (candidate.startsWith("ja")) {
            return "ja";
        }
        if (candidate.startsWith("en")) {
            return "en";
        }
        return config.defaultLocale().startsWith("en") ? "en" : "ja";
    }

    /**
     * The template's first line rendered alone as the subject, the rest as the body: the subject ends where
     * the template's first line ends, never where a value rendered into it has a line break.
     */
    public Rendered render(String name, String locale, Map<String, Object> data) {
        Parts parts = templates.computeIfAbsent("mail/" + name + "." + language(locale) + ".txt", this::parts);
        return new Rendered(parts.subject().data(data).render(), parts.body().data(data).render().replace("\r\n", "\n").stripLeading());
    }

    private record Parts(Template subject, Template body) {
    }

    private Parts parts(String path) {
        String text;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("templates/" + path)) {
            if (in == null) {
                throw new IllegalStateException("no mail template " + path);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int newline = text.indexOf('\n');
        return new Parts(engine.parse(text.substring(0, newline)), engine.parse(text.substring(newline + 1)));
    }

    /** A meeting's time range as its reader expects it, in the given zone, e.g. 2026年4月1日(水) 10:00–10:30 (Asia/Tokyo). */
    public String timeRange(String locale, Instant start, Instant end, String zone) {
        ZoneId id = ZoneId.of(zone);
        DateTimeFormatter day = "ja".equals(language(locale)) ? JA_DAY : EN_DAY;
        return day.format(start.atZone(id)) + "–" + TIME.format(end.atZone(id)) + " (" + zone + ")";
    }

    public String date(String locale, Instant instant, String zone) {
        DateTimeFormatter day = "ja".equals(language(locale)) ? JA_DAY : EN_DAY;
        return day.format(instant.atZone(ZoneId.of(zone)));
    }
}
