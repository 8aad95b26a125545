package dev.kaigi.integration.slack;

import dev.kaigi.integration.crypto.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Puts an installation's bot token in and out of its encrypted column, bound to its row. */
@ApplicationScoped
class SlackBotTokens {

    @Inject
    SecretCipher cipher;

    void store(SlackInstallation installation, String botToken) {
        installation.botTokenEnc = cipher.encrypt(botToken, context(installation));
    }

    String read(SlackInstallation installation) {
        return cipher.decrypt(installation.botTokenEnc, context(installation));
    }

    static String context(SlackInstallation installation) {
        return "slack_installation/bot_token/" + installation.id;
    }
}
