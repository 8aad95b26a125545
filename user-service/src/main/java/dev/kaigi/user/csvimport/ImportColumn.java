package dev.kaigi.user.csvimport;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The columns an import file may have (USR-01 fields). Headers are matched ignoring case, spaces,
 * hyphens and underscores, in English or as a Japanese administrator would write them, so a
 * sheet exported from another tool usually imports without renaming. Only {@code email} and
 * {@code lastName} are required; columns may come in any order.
 */
public enum ImportColumn {
    EMAIL(true, "email", "emailAddress", "メールアドレス", "メール"),
    LAST_NAME(true, "lastName", "familyName", "姓"),
    FIRST_NAME(false, "firstName", "givenName", "名"),
    ROLE(false, "role", "役割"),
    USER_TYPE(false, "userType", "ユーザータイプ", "ユーザー種別"),
    PERMISSION_PROFILE(false, "permissionProfile", "permissionProfileId", "permissionProfileName", "権限", "権限名", "権限ID"),
    USER_ID(false, "userId", "id", "ユーザーID"),
    CONTACT(false, "contact", "問合せ先", "問い合わせ先"),
    SLACK_MEMBER_ID(false, "slackMemberId", "SlackメンバーID"),
    ZOOM_PERSONAL_MEETING_URL(false, "zoomPersonalMeetingUrl", "Zoom個人ミーティングURL", "ZoomパーソナルミーティングURL"),
    EMAIL_SIGNATURE(false, "emailSignature", "signature", "メール署名", "署名"),
    PHONE(false, "phone", "電話番号", "電話"),
    MOBILE(false, "mobile", "携帯電話", "携帯電話番号"),
    FAX(false, "fax", "FAX番号"),
    WEBSITE(false, "website", "Webサイト", "ウェブサイト"),
    ADDRESS(false, "address", "住所"),
    OTHER_INFO(false, "otherInfo", "その他の情報", "その他"),
    TEAMS(false, "teams", "team", "チーム");

    private static final Map<String, ImportColumn> BY_HEADER = new HashMap<>();

    static {
        for (ImportColumn column : values()) {
            for (String alias : column.aliases) {
                BY_HEADER.put(normalize(alias), column);
            }
        }
    }

    private final boolean required;
    private final List<String> aliases;

    ImportColumn(boolean required, String... aliases) {
        this.required = required;
        this.aliases = List.of(aliases);
    }

    public boolean required() {
        return required;
    }

    /** The English header, as the API documents it (e.g. {@code lastName}). */
    public String header() {
        return aliases.get(0);
    }

    public static Optional<ImportColumn> ofHeader(String header) {
        return Optional.ofNullable(BY_HEADER.get(normalize(header)));
    }

    /** The field a column mapping names by its English header ({@code lastName}), ignoring case (BLK-06). */
    public static Optional<ImportColumn> ofField(String field) {
        for (ImportColumn column : values()) {
            if (column.header().equalsIgnoreCase(field.strip())) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    /** A header as matched: without case, spaces, hyphens and underscores. */
    static String normalize(String header) {
        return header.strip().replaceAll("[\\s_\\-　]", "").toLowerCase(Locale.ROOT);
    }
}
