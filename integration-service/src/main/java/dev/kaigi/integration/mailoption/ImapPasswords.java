package dev.kaigi.integration.mailoption;

import dev.kaigi.integration.crypto.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.UUID;

/** Puts a user's IMAP password in and out of its encrypted column, bound to the user's row. */
@ApplicationScoped
public class ImapPasswords {

    @Inject
    SecretCipher cipher;

    byte[] seal(UUID userId, String password) {
        return cipher.encrypt(password, context(userId));
    }

    /** @throws IllegalStateException if the stored value was altered, moved to another row or sealed with another key */
    public String open(UUID userId, byte[] sealed) {
        return cipher.decrypt(sealed, context(userId));
    }

    private static String context(UUID userId) {
        return "mail_option_setting/imap_password/" + userId;
    }
}
