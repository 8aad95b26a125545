package dev.kaigi.chassis.problem;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * Texts of problems in English and Japanese. A service puts its own codes in
 * {@code problems.properties} / {@code problems_ja.properties}; the chassis's shared codes live in
 * {@code kaigi-chassis-problems*.properties}. The service's bundle is asked first.
 */
public final class ProblemMessages {

    public static final Locale JAPANESE = Locale.JAPANESE;
    public static final Locale ENGLISH = Locale.ENGLISH;

    private static final List<String> BUNDLES = List.of("problems", "kaigi-chassis-problems");
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private ProblemMessages() {
    }

    /** The message {@code key} in {@code locale}, with {@code args} filled in, or {@code key} itself if no bundle has it. */
    public static String text(Locale locale, String key, Object... args) {
        return find(locale, key).map(pattern -> new MessageFormat(pattern, locale).format(args)).orElse(key);
    }

    /** Japanese if the caller prefers it among the languages we speak, English otherwise. */
    public static Locale choose(List<Locale> acceptable) {
        for (Locale locale : acceptable) {
            if ("ja".equals(locale.getLanguage())) {
                return JAPANESE;
            }
            if ("en".equals(locale.getLanguage())) {
                return ENGLISH;
            }
        }
        return ENGLISH;
    }

    private static Optional<String> find(Locale locale, String key) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (String name : BUNDLES) {
            try {
                ResourceBundle bundle = ResourceBundle.getBundle(name, JAPANESE.equals(locale) ? JAPANESE : Locale.ROOT,
                        loader, NO_FALLBACK);
                if (bundle.containsKey(key)) {
                    return Optional.of(bundle.getString(key));
                }
            } catch (MissingResourceException e) {
                // this service has no bundle of its own yet
            }
        }
        return Optional.empty();
    }
}
