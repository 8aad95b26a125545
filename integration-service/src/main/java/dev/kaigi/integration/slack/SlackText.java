package dev.kaigi.integration.slack;

import java.util.regex.Pattern;

/** Slack's message formatting rules: a mention is {@code <@MEMBERID>}; our own text escapes {@code & < >}. */
public final class SlackText {

    /** USR-01: {@code U} or {@code W} and upper-case alphanumerics. */
    private static final Pattern MEMBER_ID = Pattern.compile("[UW][A-Z0-9]{2,20}");

    private SlackText() {
    }

    public static boolean isMemberId(String value) {
        return value != null && MEMBER_ID.matcher(value).matches();
    }

    public static String mention(String memberId) {
        if (!isMemberId(memberId)) {
            throw new IllegalArgumentException("not a Slack member ID");
        }
        return "<@" + memberId + ">";
    }

    /** Escapes the three characters Slack reads as control sequences; nothing else may be escaped. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
