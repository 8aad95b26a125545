package dev.kaigi.integration.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * One booking notification subscription as the API shows it.
 *
 * @param meetingTypeId the meeting type whose bookings are told; null for every meeting type of the organization
 */
public record NotificationSubscriptionView(UUID id, UUID userId, UUID meetingTypeId, Channel channel, Instant createdAt) {
}
