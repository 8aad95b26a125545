package dev.kaigi.integration.notification;

import java.util.UUID;

/** A user to be told of a booking, and how; one per user and channel however many of their subscriptions match. */
public record Subscriber(UUID userId, Channel channel) {
}
