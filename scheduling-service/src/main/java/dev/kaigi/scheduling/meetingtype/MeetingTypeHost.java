package dev.kaigi.scheduling.meetingtype;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.UUID;

/** A candidate host in a meeting type's pool (SCH-06); the database keeps both of the same organization. */
@Entity
@Table(name = "meeting_type_host")
@IdClass(MeetingTypeHost.Key.class)
public class MeetingTypeHost {

    @Id
    @Column(name = "meeting_type_id")
    public UUID meetingTypeId;

    @Id
    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "org_id")
    public UUID orgId;

    public int position;

    /** AVL-05: the host's weight in the pool's fair choice (1–100). */
    public int weight = PoolShare.DEFAULT.weight();

    /** AVL-05: higher is preferred between hosts the weights leave tied. */
    public int priority = PoolShare.DEFAULT.priority();

    /** The composite key: one place per user per meeting type. */
    public static class Key implements Serializable {
        public UUID meetingTypeId;
        public UUID userId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(meetingTypeId, k.meetingTypeId)
                    && java.util.Objects.equals(userId, k.userId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(meetingTypeId, userId);
        }
    }
}
