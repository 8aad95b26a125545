package dev.kaigi.integration;

import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads the calendar invitation of a mail twice, independently: with ical4j, and by hand from the unfolded content
 * lines as RFC 5545 defines them. Both readings must agree, and the MIME type's method must be the body's.
 */
final class Invitations {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private Invitations() {
    }

    /** What Outlook and Google read of an invitation. */
    record Invitation(String method, String uid, int sequence, String status, String organizer, String attendee,
                      Instant start, Instant end, String location, String description) {
    }

    /** The mail's invitation, after checking that both readings and the MIME type agree. */
    static Invitation of(MimeMessage mail) throws Exception {
        Part part = Mails.calendar(mail).orElseThrow(() -> new AssertionError("the mail carries no text/calendar part"));
        String ics = Mails.ics(part);
        Invitation byLibrary = withIcal4j(ics);
        Invitation byHand = byHand(ics);
        assertEquals(byLibrary, byHand, "ical4j and the hand reading agree");
        ContentType type = new ContentType(part.getContentType());
        assertEquals("text/calendar", type.getBaseType().toLowerCase());
        assertEquals(byHand.method(), type.getParameter("method"), "METHOD in the MIME type and in the body");
        return byHand;
    }

    private static Invitation withIcal4j(String ics) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        VEvent event = calendar.<VEvent>getComponent(Component.VEVENT).orElseThrow();
        return new Invitation(calendar.getRequiredProperty(Property.METHOD).getValue(), value(event, Property.UID),
                Integer.parseInt(value(event, Property.SEQUENCE)), value(event, Property.STATUS),
                value(event, Property.ORGANIZER), value(event, Property.ATTENDEE), instant(value(event, Property.DTSTART)),
                instant(value(event, Property.DTEND)), event.getProperty(Property.LOCATION).map(Property::getValue).orElse(null),
                value(event, Property.DESCRIPTION));
    }

    private static String value(VEvent event, String name) {
        return event.getRequiredProperty(name).getValue();
    }

    /** RFC 5545 3.1: lines end in CRLF, are folded at 75 octets with CRLF and a space; TEXT escapes \\ ; , and newlines. */
    private static Invitation byHand(String ics) {
        assertTrue(ics.endsWith("\r\n") && !ics.replace("\r\n", "").contains("\n"), "every line ends in CRLF");
        for (String folded : ics.split("\r\n")) {
            assertTrue(folded.getBytes(StandardCharsets.UTF_8).length <= 75, "a line longer than 75 octets: " + folded);
        }
        Map<String, String> calendar = new HashMap<>();
        Map<String, String> event = new HashMap<>();
        Map<String, String> at = calendar;
        for (String line : ics.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")) {
            int colon = valueStart(line);
            String name = line.substring(0, colon).replaceFirst(";.*", "");
            String value = line.substring(colon + 1);
            if (line.equals("BEGIN:VEVENT")) {
                at = event;
            } else if (line.equals("END:VEVENT")) {
                at = calendar;
            } else {
                assertTrue(at.putIfAbsent(name, value) == null || name.equals("ATTENDEE"), name + " more than once");
            }
        }
        return new Invitation(calendar.get("METHOD"), event.get("UID"), Integer.parseInt(event.get("SEQUENCE")),
                event.get("STATUS"), event.get("ORGANIZER"), event.get("ATTENDEE"), instant(event.get("DTSTART")),
                instant(event.get("DTEND")), text(event.get("LOCATION")), text(event.get("DESCRIPTION")));
    }

    /** Where a content line's value starts: the first colon outside a quoted parameter value. */
    private static int valueStart(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ':' && !quoted) {
                return i;
            }
        }
        throw new AssertionError("no value in " + line);
    }

    private static String text(String escaped) {
        if (escaped == null) {
            return null;
        }
        return escaped.replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\");
    }

    private static Instant instant(String utc) {
        return LocalDateTime.parse(utc, UTC).toInstant(ZoneOffset.UTC);
    }
}
