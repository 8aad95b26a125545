package dev.kaigi.integration.slack;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * The organization's Slack installation as the API shows it (INT-10): the workspace, its bot and who installed
 * it, never the token.
 *
 * @param status        {@code ACTIVE}, or {@code REVOKED}: Slack no longer accepts the bot token and mentions stop
 *                      until an OWNER installs again
 * @param revokedReason Slack's error code that showed it ({@code token_revoked}, {@code account_inactive}, ...)
 */
public record SlackInstallationView(String workspaceId, String workspaceName, String botUserId, List<String> scopes,
                                    SlackInstallation.Status status, String revokedReason, Instant revokedAt,
                                    UUID installedBy, Instant installedAt) {

    static SlackInstallationView of(SlackInstallation i) {
        List<String> scopes = i.scope == null ? List.of()
                : Arrays.stream(i.scope.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new SlackInstallationView(i.teamId, i.teamName, i.botUserId, scopes, i.status, i.revokedReason,
                i.revokedAt, i.installedBy, i.installedAt);
    }
}
