package dev.kaigi.integration.meeting;

import dev.kaigi.integration.mail.MailSender;
import dev.kaigi.integration.mail.MailTemplates;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.CuType;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The lead's calendar invitation (MTG-01, RFC 5545 with RFC 5546's METHOD): one VEVENT with the booking's UID,
 * the SEQUENCE of the event that sent it, the host as ORGANIZER and the lead as ATTENDEE (mailto: addresses, as
 * Outlook and Google match replies and updates by them), the meeting's URL as LOCATION and in the description.
 * Times are UTC, so no VTIMEZONE is needed and every calendar shows them in its own zone. A cancellation is
 * METHOD:CANCEL with STATUS:CANCELLED and the same UID, which removes the event from the lead's calendar.
 */
record MeetingInvitation(String uid, int sequence, boolean cancelled, Instant start, Instant end, String summary,
                         String description, String location, String organizerEmail, String organizerName,
                         String attendeeEmail, String attendeeName) {

    private static final String PRODUCT = "-//Kaigi//Meetings//EN";
    private static final int MAX_OCTETS = 75;
    /** A fold length no line reaches: lines are folded by octets here instead. */
    private static final int UNFOLDED = 1_000_000;

    /** The method both the MIME type and the body name. */
    String method() {
        return cancelled ? "CANCEL" : "REQUEST";
    }

    /** The invitation as a mail attachment: {@code text/calendar; method=...}. */
    MailSender.Attachment attachment() {
        return new MailSender.Attachment(cancelled ? "cancel.ics" : "invite.ics",
                "text/calendar; method=" + method() + "; charset=UTF-8", ics().getBytes(StandardCharsets.UTF_8));
    }

    String ics() {
        VEvent event = new VEvent(start, end, MailTemplates.oneLine(summary)); // with DTSTAMP, now
        event.add(new Uid(uid));
        event.add(new Sequence(sequence));
        event.add(cancelled ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
        event.add(person(new Organizer(mailto(organizerEmail)), organizerName));
        event.add(person(new Attendee(mailto(attendeeEmail)), attendeeName)
                .add(CuType.INDIVIDUAL).add(Role.REQ_PARTICIPANT).add(PartStat.NEEDS_ACTION).add(Rsvp.TRUE));
        if (location != null) {
            event.add(new Location(location));
        }
        event.add(new Description(description.replace("\r\n", "\n").replace('\r', '\n')));
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(cancelled ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST);
        calendar.add(event);
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false, UNFOLDED).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fold(out.toString());
    }

    /**
     * RFC 5545 3.1: content lines of at most 75 octets, continued on lines that start with a space. ical4j folds by
     * characters, which lets Japanese names and descriptions run past 75 octets; this folds by UTF-8 octets and
     * never inside a character.
     */
    static String fold(String unfolded) {
        StringBuilder folded = new StringBuilder(unfolded.length() + unfolded.length() / 60);
        for (String line : unfolded.split("\r\n")) {
            int octets = 0;
            for (int i = 0; i < line.length(); ) {
                int codePoint = line.codePointAt(i);
                int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
                if (octets + size > MAX_OCTETS) {
                    folded.append("\r\n ");
                    octets = 1;
                }
                folded.appendCodePoint(codePoint);
                octets += size;
                i += Character.charCount(codePoint);
            }
            folded.append("\r\n");
        }
        return folded.toString();
    }

    /**
     * A line break a lead typed into their name must not end the content line and start a property of its own,
     * nor may a parameter value hold a quote (RFC 5545 3.2).
     */
    private static <P extends Property> P person(P property, String name) {
        return name == null || name.isBlank() ? property : property.add(new Cn(MailTemplates.oneLine(name).replace('"', '\'')));
    }


    private static URI mailto(String email) {
        try {
            return new URI("mailto", email, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a mail address", e);
        }
    }
}
