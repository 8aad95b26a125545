package dev.kaigi.integration.notification;

/** How a subscriber is told of a booking (LIF-05): a mail, or a message from Kaigi's app in the organization's Slack. */
public enum Channel {
    MAIL, SLACK
}
