package dev.kaigi.stack.seed;

import java.time.OffsetDateTime;

/** The commands printed after the seed: a token, availability, a booking, its manage link, webhooks received, a partner token. */
final class ReadyCurls {

    private ReadyCurls() {
    }

    static String describe(StackUrls urls, DemoSeed.Demo demo) {
        String token = "TOKEN=$(curl -s -d grant_type=password -d client_id=" + Keycloak.FRONTEND_CLIENT
                + " -d username=" + DemoSeed.OWNER.email() + " -d password=" + Keycloak.DEMO_PASSWORD + " \\\n    "
                + new Keycloak(urls.keycloak()).tokenUrl() + " | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')";
        String day = demo.firstSlot().substring(0, 10);
        return String.join("\n",
                "",
                "Demo organization " + demo.orgId() + " is ready. Users (password " + Keycloak.DEMO_PASSWORD + "): "
                        + DemoSeed.OWNER.email() + ", " + String.join(", ", DemoSeed.STAFF.stream().map(DemoSeed.Person::email).toList()),
                "",
                "# a token for the owner (super admin)",
                token,
                "",
                "# free slots of \"" + DemoSeed.MEETING_TYPE + "\"",
                "curl -s -H \"Authorization: Bearer $TOKEN\" '" + urls.scheduling() + "/api/v1/meeting-types/" + demo.meetingTypeId()
                        + "/availability?from=" + day + "&to=" + day + "&timeZone=" + DemoSeed.ZONE + "'",
                "",
                "# book the first free slot; Kaigi picks the host, integration-service makes the Zoom meeting, calendar event and mails",
                "curl -s -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' " + urls.scheduling() + "/api/v1/bookings \\\n"
                        + "    -d '{\"meetingTypeId\":\"" + demo.meetingTypeId() + "\",\"start\":\"" + demo.firstSlot()
                        + "\",\"lead\":{\"name\":\"Taro Yamada\",\"email\":\"taro@customer.example\",\"company\":\"Customer K.K.\"}}'",
                "",
                "# the lead's manage link (MTG-02, no sign-in): set MANAGE to the 201's manageToken, then read, move or cancel",
                "curl -s " + urls.scheduling() + "/api/v1/public/bookings/$MANAGE",
                "curl -s -H 'Content-Type: application/json' " + urls.scheduling() + "/api/v1/public/bookings/$MANAGE/reschedule \\\n"
                        + "    -d '{\"start\":\"" + OffsetDateTime.parse(demo.firstSlot()).plusHours(1) + "\"}'",
                "curl -s -H 'Content-Type: application/json' " + urls.scheduling() + "/api/v1/public/bookings/$MANAGE/cancel -d '{}'",
                "",
                "# what the simulated providers received (Zoom meetings and their moves, calendar events, mails with invitations)",
                "curl -s " + urls.simulators() + "/simulator/records",
                "",
                "# the webhooks the simulated partner endpoint received, each with its signature checked; and the sender's log of them",
                "curl -s " + urls.simulators() + "/simulator/webhooks/" + DemoSeed.WEBHOOK_RECEIVER + "/deliveries",
                "curl -s -H \"Authorization: Bearer $TOKEN\" " + urls.integration() + "/api/v1/webhook-subscriptions/"
                        + demo.webhookSubscriptionId() + "/deliveries",
                "",
                "# a partner token (client credentials; scopes users:read users:write schedules:read bookings:write webhooks:read webhooks:write)",
                "curl -s -d grant_type=client_credentials -d client_id=" + Keycloak.PARTNER_CLIENT + " -d client_secret="
                        + Keycloak.PARTNER_SECRET + " " + new Keycloak(urls.keycloak()).tokenUrl());
    }
}
