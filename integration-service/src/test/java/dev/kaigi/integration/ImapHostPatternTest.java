package dev.kaigi.integration;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * INT-11: the IMAP hosts a deployment lets users name by default, read from application.properties as the service
 * reads it (outside the test profile, which allows the test's own server).
 */
class ImapHostPatternTest {

    @Test
    @DisplayName("INT-11: by default an IMAP host is a DNS name: no IP literal, no localhost or other single label, nothing after it")
    void dnsNamesOnly() throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(getClass().getResource("/application.properties"), 100)).build();
        String pattern = config.getValue("kaigi.mail-option.backup.imap-host-pattern", String.class);
        for (String host : new String[] {"imap.gmail.com", "outlook.office365.com", "mail.example.co.jp", "imap-1.mx.acme.io"}) {
            assertTrue(host.matches(pattern), host);
        }
        for (String host : new String[] {"localhost", "127.0.0.1", "10.0.0.7", "[::1]", "169.254.169.254", "imap.acme.test:25",
                "imap.acme.test\r\nX", "-imap.acme.com", "imap..acme.com", "imap.acme.com.", "metadata"}) {
            assertFalse(host.matches(pattern), host);
        }
    }
}
