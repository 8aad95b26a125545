package dev.kaigi.integration.connection;

/**
 * The providers a user or an organization links through OAuth: Salesforce per organization and a calendar per
 * user ({@link OAuthConnection}); Zoom per user, kept in its own table for its one-account-one-user rule; Slack per
 * organization, an installation of Kaigi's app with a bot token and no refresh ({@code slack.SlackInstallation}).
 */
public enum Provider {
    ZOOM("Zoom"),
    SALESFORCE("Salesforce"),
    GOOGLE("Google Calendar"),
    MICROSOFT("Microsoft Outlook"),
    SLACK("Slack");

    private final String displayName;

    Provider(String displayName) {
        this.displayName = displayName;
    }

    /** The name problems show ("Salesforce cannot be reached right now"). */
    public String displayName() {
        return displayName;
    }

    public boolean isCalendar() {
        return this == GOOGLE || this == MICROSOFT;
    }
}
