package dev.kaigi.integration.mail;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Plain-text mail templates in Japanese and English ({@code templates/mail/<name>.<ja|en>.txt}, Qute):
 * the first line is the subject, the rest the body. Plain text, so nothing a user typed becomes markup.
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

    public record Rendered(String subject, String body) {
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

    public Rendered render(String name, String locale, Map<String, Object> data) {
        Template template = engine.getTemplate("mail/" + name + "." + language(locale) + ".txt");
        if (template == null) {
            throw new IllegalStateException("no mail template " + name);
        }
        String text = template.data(data).render().replace("\r\n", "\n");
        int newline = text.indexOf('\n');
        return new Rendered(text.substring(0, newline).trim(), text.substring(newline + 1).stripLeading());
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
