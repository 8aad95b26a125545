package dev.kaigi.scheduling.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kaigi.chassis.audit.AuditEventView;
import dev.kaigi.chassis.audit.AuditEvents;
import dev.kaigi.chassis.privacy.Capped;
import dev.kaigi.chassis.privacy.LeadEmailQuery;
import dev.kaigi.chassis.privacy.PersonalDataRows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What scheduling-service keeps about a user or a lead (SEC-04), read from its own tables section by section. The
 * manage link's hash is never part of it. A user's hosted bookings leave the leads' details out: they are the leads'
 * data, exported (and erased) with the lead.
 */
@ApplicationScoped
public class SchedulingPersonalData {

    /** The most rows a list section answers; older ones are left out and the section says so. */
    static final int LIMIT = 10_000;

    @Inject
    PersonalDataRows rows;
    @Inject
    AuditEvents audit;

    /** What this service keeps about a user; each section empty (null or no items) for a user it does not know. */
    @Schema(name = "SchedulingUserPersonalData")
    public record UserData(
            @Schema(description = "The host read model: profile, role, status, Zoom and calendar flags, contact") JsonNode host,
            @Schema(description = "Their work schedule with its days and breaks") JsonNode workSchedule,
            @Schema(description = "The meeting types whose host pool holds them") List<JsonNode> poolMemberships,
            @Schema(description = "Open Salesforce opportunities counted for their address") JsonNode opportunities,
            @Schema(description = "Busy times read from their calendar") Capped<JsonNode> calendarBusyTimes,
            @Schema(description = "Meetings counted per day against their caps") Capped<JsonNode> dayCounters,
            @Schema(description = "The bookings they host, without the leads' details") Capped<JsonNode> bookingsHosted,
            @Schema(description = "Audit entries naming them as actor or target") Capped<AuditEventView> auditEntries) {
    }

    /** What this service keeps about a lead. */
    @Schema(name = "SchedulingLeadPersonalData")
    public record LeadData(
            @Schema(description = "The bookings made with the email: lead details, notes, cancellation, reminders") Capped<JsonNode> bookings,
            @Schema(description = "The erasures of this lead applied here") List<JsonNode> erasures) {
    }

    @Transactional
    public UserData ofUser(UUID orgId, UUID userId) {
        Map<String, ?> p = Map.of("org", orgId, "user", userId);
        return new UserData(
                rows.one("""
                        select user_id, email, last_name, first_name, role, user_type, status, contact,
                               zoom_personal_url_present, zoom_linked, calendar_provider, calendar_linked,
                               transferred_to_user_id, updated_at
                        from host where org_id = :org and user_id = :user""", p),
                rows.one("""
                        select s.id, s.time_zone, s.opportunity_cap, s.zone_provisional, s.updated_at,
                               (select coalesce(jsonb_agg(jsonb_build_object('weekday', d.weekday, 'enabled', d.enabled,
                                        'start', d.start_time, 'end', d.end_time, 'dailyCap', d.daily_cap)
                                        order by array_position(array['MONDAY','TUESDAY','WEDNESDAY','THURSDAY','FRIDAY',
                                                                      'SATURDAY','SUNDAY'], d.weekday)), '[]')
                                from work_day d where d.schedule_id = s.id) as days,
                               (select coalesce(jsonb_agg(jsonb_build_object('weekday', b.weekday, 'start', b.start_time,
                                        'end', b.end_time) order by b.weekday, b.start_time), '[]')
                                from work_break b where b.schedule_id = s.id) as breaks
                        from work_schedule s where s.org_id = :org and s.user_id = :user""", p),
                rows.list("""
                        select t.id as meeting_type_id, t.name as meeting_type_name, h.position
                        from meeting_type_host h join meeting_type t on t.id = h.meeting_type_id
                        where h.org_id = :org and h.user_id = :user order by t.name""", p, LIMIT).items(),
                rows.one("""
                        select o.open_opportunities from opportunity_count o
                        join host h on h.org_id = o.org_id and h.email_key = o.email_key
                        where h.org_id = :org and h.user_id = :user""", p),
                rows.list("""
                        select start_at, end_at from busy_time where org_id = :org and user_id = :user
                        order by start_at desc""", p, LIMIT),
                rows.list("""
                        select day, booked from host_day where org_id = :org and user_id = :user order by day desc""", p, LIMIT),
                rows.list("""
                        select id, meeting_type_id, meeting_type_name, conferencing_method, starts_at, ends_at, host_time_zone,
                               status, via_public_page, created_at, cancelled_at, sequence, updated_at, conference_url
                        from booking where org_id = :org and host_user_id = :user
                        order by starts_at desc, id""", p, LIMIT),
                audit.aboutUser(orgId, userId, LIMIT));
    }

    @Transactional
    public LeadData ofLead(UUID orgId, LeadEmailQuery lead) {
        Map<String, ?> p = Map.of("org", orgId, "email", lead.normalized());
        return new LeadData(
                rows.list("""
                        select id, host_user_id, meeting_type_id, meeting_type_name, conferencing_method, starts_at, ends_at,
                               status, lead_name, lead_email, lead_company, lead_locale, lead_time_zone, notes,
                               via_public_page, created_at, cancelled_at, cancel_reason, sequence, updated_at,
                               reminder_minutes_before, conference_url
                        from booking where org_id = :org and lower(trim(lead_email)) = :email
                        order by created_at desc, id""", p, LIMIT),
                rows.list("""
                        select erasure_id, erased_at, by_user_id, applied_at from lead_erasure
                        where org_id = :org and email_hash = :hash order by erased_at desc""",
                        Map.of("org", orgId, "hash", lead.hash()), LIMIT).items());
    }
}
