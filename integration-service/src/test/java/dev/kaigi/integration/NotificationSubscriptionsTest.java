package dev.kaigi.integration;

import dev.kaigi.events.scheduling.ConferencingMethod;
import dev.kaigi.events.scheduling.MeetingBooked;
import dev.kaigi.events.scheduling.MeetingCancelled;
import dev.kaigi.events.user.DeletionTransfers;
import dev.kaigi.events.user.Role;
import dev.kaigi.events.user.UserDeleted;
import dev.kaigi.events.user.UserRemoved;
import dev.kaigi.integration.simulators.ProviderSimulators;
import dev.kaigi.testsupport.Await;
import dev.kaigi.testsupport.TestEvents;
import dev.kaigi.testsupport.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static dev.kaigi.integration.Fixtures.activeUser;
import static dev.kaigi.integration.Fixtures.count;
import static dev.kaigi.integration.Fixtures.lifecycle;
import static dev.kaigi.integration.Fixtures.organization;
import static dev.kaigi.integration.Fixtures.organizationWithSlack;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LIF-05: booking notification subscriptions: who may keep them, their delivery once per step, and their heir. */
@QuarkusTest
class NotificationSubscriptionsTest {

    private static final String PATH = "/api/v1/users/{userId}/notification-subscriptions";
    private static final Instant START = Instant.parse("2031-05-12T01:00:00Z");

    @Inject
    AgroalDataSource db;

    private static RequestSpecification as(UUID org, UUID user, String role) {
        return given().auth().oauth2(TestTokens.user(org, user, role)).contentType("application/json");
    }

    private static String subscribe(UUID org, UUID actor, String role, UUID user, UUID meetingType, String channel) {
        return as(org, actor, role).body(body(meetingType, channel)).post(PATH, user)
                .then().statusCode(201).extract().path("id");
    }

    private static String body(UUID meetingType, String channel) {
        return "{\"meetingTypeId\":" + (meetingType == null ? "null" : "\"" + meetingType + "\"") + ",\"channel\":\"" + channel + "\"}";
    }

    private static String email(String who) {
        return who + "-" + UUID.randomUUID() + "@acme.test";
    }

    @Test
    @DisplayName("LIF-05: a user subscribes to a meeting type or to all, by mail or Slack, lists and unsubscribes; an OWNER does it for them; the same twice is 409; audited")
    void subscribeListUnsubscribe() throws Exception {
        UUID org = organization(db, "Acme");
        UUID owner = activeUser(db, org, email("owner"), Role.OWNER);
        UUID member = activeUser(db, org, email("member"), Role.MEMBER);
        UUID demo = UUID.randomUUID();

        var answer = as(org, member, "member").body(body(null, "MAIL")).post(PATH, member)
                .then().statusCode(201)
                .body("userId", equalTo(member.toString())).body("meetingTypeId", nullValue()).body("channel", equalTo("MAIL"))
                .extract();
        String created = answer.path("id");
        assertTrue(answer.header("Location").endsWith("/api/v1/users/" + member + "/notification-subscriptions/" + created),
                answer.header("Location"));
        String slack = subscribe(org, owner, "owner", member, demo, "SLACK");
        // "all meeting types" counts once, like any other: the same again is refused, nothing added
        as(org, member, "member").body(body(null, "MAIL")).post(PATH, member).then().statusCode(409)
                .contentType("application/problem+json").body("code", equalTo("notification-subscription-exists"));
        as(org, owner, "owner").body(body(demo, "SLACK")).post(PATH, member).then().statusCode(409);
        // the same meeting type by another channel is another subscription
        String mailDemo = subscribe(org, member, "member", member, demo, "MAIL");

        as(org, member, "member").get(PATH, member).then().statusCode(200)
                .body("id", contains(created, slack, mailDemo))
                .body("channel", contains("MAIL", "SLACK", "MAIL"))
                .body("meetingTypeId", contains(null, demo.toString(), demo.toString()));
        as(org, owner, "owner").delete(PATH + "/{id}", member, slack).then().statusCode(204);
        as(org, member, "member").delete(PATH + "/{id}", member, slack).then().statusCode(404);
        as(org, member, "member").get(PATH, member).then().statusCode(200).body("id", contains(created, mailDemo));

        as(org, owner, "owner").queryParam("targetUserId", member).get("/api/v1/audit-events").then().statusCode(200)
                .body("items.action", contains("NOTIFICATION_SUBSCRIPTION_REMOVED", "NOTIFICATION_SUBSCRIPTION_ADDED",
                        "NOTIFICATION_SUBSCRIPTION_ADDED", "NOTIFICATION_SUBSCRIPTION_ADDED"))
                .body("items[0].actorUserId", equalTo(owner.toString()))
                .body("items[0].before.channel", equalTo("SLACK")).body("items[0].before.meetingTypeId", equalTo(demo.toString()))
                .body("items[3].actorUserId", equalTo(member.toString())).body("items[3].after.channel", equalTo("MAIL"));
    }

    @Test
    @DisplayName("LIF-05: a RESTRICTED user, a MEMBER or MANAGER for someone else get 403; another organization's OWNER 404; nothing changes")
    void refusedCallers() throws Exception {
        UUID org = organization(db, "Acme");
        UUID member = activeUser(db, org, email("member"), Role.MEMBER);
        UUID other = activeUser(db, org, email("other"), Role.MEMBER);
        UUID manager = activeUser(db, org, email("manager"), Role.MANAGER);
        UUID restricted = activeUser(db, org, email("restricted"), Role.RESTRICTED);
        String kept = subscribe(org, member, "member", member, null, "MAIL");
        UUID otherOrg = organization(db, "Other");
        UUID otherOwner = activeUser(db, otherOrg, email("owner"), Role.OWNER);

        as(org, restricted, "restricted").body(body(null, "MAIL")).post(PATH, restricted).then().statusCode(403);
        as(org, restricted, "restricted").get(PATH, restricted).then().statusCode(403);
        as(org, other, "member").get(PATH, member).then().statusCode(403);
        as(org, other, "member").body(body(null, "SLACK")).post(PATH, member).then().statusCode(403);
        as(org, manager, "manager").delete(PATH + "/{id}", member, kept).then().statusCode(403);
        as(otherOrg, otherOwner, "owner").get(PATH, member).then().statusCode(404);
        as(otherOrg, otherOwner, "owner").delete(PATH + "/{id}", member, kept).then().statusCode(404);
        as(otherOrg, otherOwner, "owner").body(body(null, "SLACK")).post(PATH, member).then().statusCode(404);
        // a subscription is found under its own user only
        as(org, other, "member").delete(PATH + "/{id}", other, kept).then().statusCode(404);
        given().get(PATH, member).then().statusCode(401);

        assertEquals(1, count(db, "select count(*) from notification_subscription where user_id = ?", member));
        assertEquals(0, count(db, "select count(*) from notification_subscription where user_id in (?, ?)", other, restricted));
    }

    @Test
    @DisplayName("LIF-05: bad input is a 400 problem naming the field; nothing stored")
    void badInput() throws Exception {
        UUID org = organization(db, "Acme");
        UUID member = activeUser(db, org, email("member"), Role.MEMBER);
        String[][] cases = {
                {"{\"channel\":\"FAX\"}", "channel"},
                {"{\"meetingTypeId\":\"not-a-uuid\",\"channel\":\"MAIL\"}", "meetingTypeId"},
                {"{\"meetingTypeId\":null}", "channel"},
                {"{\"channel\":\"MAIL\",\"userId\":\"" + UUID.randomUUID() + "\"}", "userId"},
        };
        for (String[] c : cases) {
            as(org, member, "member").body(c[0]).post(PATH, member).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", contains(c[1]));
        }
        as(org, member, "member").body("[]").post(PATH, member).then().statusCode(400);
        as(org, member, "member").delete(PATH + "/{id}", member, "not-a-uuid").then().statusCode(404);
        assertEquals(0, count(db, "select count(*) from notification_subscription where user_id = ?", member));
    }

    @Test
    @DisplayName("LIF-05: each subscriber of the booking's meeting type (or of all) is told once by mail or in Slack, in their language; not the host, not another type's subscriber; a redelivery tells nobody twice")
    void deliveryOnce() throws Exception {
        UUID org = organizationWithSlack(db, "Acme");
        String hostEmail = email("host");
        UUID host = activeUser(db, org, hostEmail, "UHOST" + Math.abs(hostEmail.hashCode() % 10000), null, null);
        String mailEmail = email("mail-sub");
        UUID byMail = activeUser(db, org, mailEmail, Role.MEMBER);
        String slackId = "USUB" + Math.abs(mailEmail.hashCode() % 100000);
        UUID bySlack = activeUser(db, org, email("slack-sub"), slackId, null, null);
        String otherEmail = email("other-type");
        UUID otherType = activeUser(db, org, otherEmail, Role.MEMBER);
        String goneEmail = email("gone");
        UUID gone = activeUser(db, org, goneEmail, Role.MEMBER);
        UUID demo = UUID.randomUUID();

        subscribe(org, byMail, "member", byMail, null, "MAIL");
        subscribe(org, byMail, "member", byMail, demo, "MAIL"); // two matching subscriptions, one mail
        subscribe(org, bySlack, "member", bySlack, demo, "SLACK");
        subscribe(org, otherType, "member", otherType, UUID.randomUUID(), "MAIL");
        subscribe(org, host, "member", host, null, "MAIL");
        subscribe(org, gone, "member", gone, null, "MAIL");
        lifecycle(db, new UserRemoved(org, gone, null), gone, "REMOVED");

        String lead = "lead-" + UUID.randomUUID() + "@customer.test";
        MeetingBooked booked = new MeetingBooked(org, UUID.randomUUID(), demo, "製品デモ", host, START,
                START.plus(Duration.ofMinutes(30)), "Asia/Tokyo", ConferencingMethod.PHONE, "佐藤", lead, "Lead Corp",
                "ja", null, null, null);
        UUID eventId = TestEvents.publish(booked);
        Await.until("the subscriber's mail", () -> ProviderSimulators.mailsTo(mailEmail).size() == 1, Duration.ofSeconds(60));
        Await.until("the subscriber's Slack message", () -> ProviderSimulators.slack().postsMentioning(slackId).size() == 1);
        // the same event again, and a copy under a new id: nothing more
        TestEvents.publish(eventId, booked);
        TestEvents.publish(booked);
        Await.until("the lead's mail", () -> ProviderSimulators.mailsTo(lead).size() == 1);
        Thread.sleep(1500);

        MimeMessage mail = ProviderSimulators.mailsTo(mailEmail).get(0);
        assertEquals("【Kaigi】新しい商談: 製品デモ（佐藤 様）", mail.getSubject());
        String text = Mails.text(mail);
        assertTrue(text.contains("新しい商談が予約されました。") && text.contains("担当: 山田 太郎") && text.contains("Lead Corp"), text);
        String slack = ProviderSimulators.slack().postsMentioning(slackId).get(0).get("text").asText();
        assertTrue(slack.startsWith("<@" + slackId + "> 新しい商談が予約されました: *製品デモ*"), slack);
        assertEquals(slackId, ProviderSimulators.slack().postsMentioning(slackId).get(0).get("channel").asText());
        assertEquals(1, ProviderSimulators.mailsTo(mailEmail).size());
        assertEquals(1, ProviderSimulators.slack().postsMentioning(slackId).size());
        assertEquals(1, ProviderSimulators.mailsTo(hostEmail).size(), "the host is told once, by their own mail");
        assertEquals(0, ProviderSimulators.mailsTo(otherEmail).size());
        assertEquals(0, ProviderSimulators.mailsTo(goneEmail).size());

        // the cancellation is the next step: each subscriber is told of it once
        MeetingCancelled cancelled = new MeetingCancelled(org, booked.bookingId(), host, "製品デモ", ConferencingMethod.PHONE,
                booked.startsAt(), booked.endsAt(), "Asia/Tokyo", "佐藤", lead, "Lead Corp", "ja", "lead-cancelled",
                demo, null, null, 1, null);
        UUID cancelId = TestEvents.publish(cancelled);
        Await.until("the cancellation mail", () -> ProviderSimulators.mailsTo(mailEmail).size() == 2, Duration.ofSeconds(60));
        Await.until("the cancellation message", () -> ProviderSimulators.slack().postsMentioning(slackId).size() == 2);
        TestEvents.publish(cancelId, cancelled);
        Thread.sleep(1500);
        assertEquals(2, ProviderSimulators.mailsTo(mailEmail).size());
        assertEquals(2, ProviderSimulators.slack().postsMentioning(slackId).size());
        assertTrue(ProviderSimulators.mailsTo(mailEmail).get(1).getSubject().startsWith("【Kaigi】商談のキャンセル: 製品デモ"));
        assertEquals(4, count(db, "select count(*) from side_effect where kind in ('SUBSCRIBER_MAIL', 'SUBSCRIBER_SLACK')"
                + " and org_id = ? and outcome = 'DONE'", org));
    }

    @Test
    @DisplayName("LIF-05: user-deleted hands the subscriptions to the heir, merged with the heir's own; without heir they go; user-removed drops them; redelivery changes nothing")
    void handedToTheHeir() throws Exception {
        UUID org = organization(db, "Acme");
        UUID owner = activeUser(db, org, email("owner"), Role.OWNER);
        UUID leaving = activeUser(db, org, email("leaving"), Role.MEMBER);
        UUID heir = activeUser(db, org, email("heir"), Role.MEMBER);
        UUID demo = UUID.randomUUID();
        UUID onboarding = UUID.randomUUID();
        subscribe(org, leaving, "member", leaving, null, "MAIL");
        subscribe(org, leaving, "member", leaving, demo, "SLACK");
        subscribe(org, leaving, "member", leaving, onboarding, "MAIL");
        String heirOwn = subscribe(org, heir, "member", heir, null, "MAIL");

        // the heir of subscriptions differs from the other categories' heirs
        UserDeleted deleted = new UserDeleted(org, leaving, null, owner, new DeletionTransfers(owner, owner, null, heir));
        UUID eventId = TestEvents.publish(deleted);
        Await.until("the subscriptions handed over", () -> count(db,
                "select count(*) from notification_subscription where user_id = ?", leaving) == 0, Duration.ofSeconds(60));
        TestEvents.publish(eventId, deleted);
        TestEvents.publish(deleted);
        Thread.sleep(1000);
        as(org, heir, "member").get(PATH, heir).then().statusCode(200)
                .body("$", hasSize(3))
                .body("id", hasItem(heirOwn))
                .body("collect { it.channel + ':' + it.meetingTypeId }",
                        containsInAnyOrder("MAIL:null", "SLACK:" + demo, "MAIL:" + onboarding));
        as(org, owner, "owner").queryParam("targetUserId", leaving).get("/api/v1/audit-events").then().statusCode(200)
                .body("items.action", hasSize(4)) // three additions, one transfer
                .body("items[0].action", equalTo("NOTIFICATION_SUBSCRIPTIONS_TRANSFERRED"))
                .body("items[0].after.heirUserId", equalTo(heir.toString()))
                .body("items[0].after.moved", equalTo(2)).body("items[0].after.dropped", equalTo(1))
                .body("items[0].actorUserId", nullValue());

        // no heir: the subscriptions go
        UUID alone = activeUser(db, org, email("alone"), Role.MEMBER);
        subscribe(org, alone, "member", alone, null, "SLACK");
        TestEvents.publish(new UserDeleted(org, alone, null, owner, new DeletionTransfers(owner, owner, owner, null)));
        Await.until("the subscriptions dropped", () -> count(db,
                "select count(*) from notification_subscription where user_id = ?", alone) == 0, Duration.ofSeconds(60));

        // removed from the organization: the same
        UUID removed = activeUser(db, org, email("removed"), Role.MEMBER);
        subscribe(org, removed, "member", removed, demo, "MAIL");
        TestEvents.publish(new UserRemoved(org, removed, owner));
        Await.until("the subscriptions dropped", () -> count(db,
                "select count(*) from notification_subscription where user_id = ?", removed) == 0, Duration.ofSeconds(60));
        assertEquals(3, count(db, "select count(*) from notification_subscription where user_id = ?", heir));
        List<String> untouched = as(org, heir, "member").get(PATH, heir).then().extract().path("id");
        assertEquals(3, untouched.size());
    }
}
