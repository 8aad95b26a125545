package dev.kaigi.scheduling.host;

import dev.kaigi.events.integration.CalendarProvider;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A user as a possible meeting host: the local read model kept from user-service and
 * integration-service events. Written only by the event handlers ({@link HostReadModel}).
 */
@Entity
@Table(name = "host")
public class Host {

    @Id
    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "org_id")
    public UUID orgId;

    public String email;

    @Column(name = "email_key")
    public String emailKey;

    @Column(name = "last_name")
    public String lastName;

    /** USR-08: the customer-facing contact leads see for this host. */
    public String contact;

    @Column(name = "first_name")
    public String firstName;

    @Enumerated(EnumType.STRING)
    public Role role;

    @Enumerated(EnumType.STRING)
    @Column(name = "user_type")
    public UserType userType;

    /** Null while only integration-service has spoken of the user. */
    @Enumerated(EnumType.STRING)
    public HostStatus status;

    @Column(name = "zoom_personal_url_present")
    public boolean zoomPersonalUrlPresent;

    @Column(name = "zoom_linked")
    public boolean zoomLinked;

    @Enumerated(EnumType.STRING)
    @Column(name = "calendar_provider")
    public CalendarProvider calendarProvider;

    @Column(name = "calendar_linked")
    public boolean calendarLinked;

    @Column(name = "transferred_to_user_id")
    public UUID transferredToUserId;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** A member of the organization whom schedules and pools may name (deactivated members included). */
    public boolean isMember() {
        return status != null && !status.isFinal();
    }
}
