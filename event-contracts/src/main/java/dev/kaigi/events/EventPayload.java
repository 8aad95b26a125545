package dev.kaigi.events;

import java.util.UUID;

/** The data of one Kaigi event: a record published as the JSON value of a Kafka message. */
public interface EventPayload {

    /** The organization the event belongs to; becomes the {@code ce_orgid} header. */
    UUID orgId();

    /**
     * The Kafka key and CloudEvents subject: the user id for user-scoped events, the organization id
     * for organization-wide ones, so that events about one user stay in order (EVT-03).
     * Not named like a getter so that JSON mappers leave it out of the payload.
     */
    String partitionKey();
}
