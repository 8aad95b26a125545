package dev.kaigi.user.scim;

import java.util.List;
import java.util.Locale;

/** The schema URNs this service speaks (RFC 7643) and how attribute paths are written canonically. */
final class ScimSchemas {

    static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String ENTERPRISE_USER = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String KAIGI_USER = "urn:kaigi:params:scim:schemas:extension:kaigi:2.0:User";
    static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
    static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
    static final String SERVICE_PROVIDER_CONFIG = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    static final String RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    /** SCIM's media type; {@code application/json} is accepted as well (RFC 7644 §3.1). */
    static final String MEDIA_TYPE = "application/scim+json";

    private static final List<String> EXTENSIONS = List.of(ENTERPRISE_USER, KAIGI_USER);

    private ScimSchemas() {
    }

    /**
     * An attribute path as this service compares it: lower case (attribute names are
     * case-insensitive, RFC 7643 §2.1), the core schema's URN dropped, and an extension
     * attribute written {@code <extension urn>:<attribute>}.
     */
    static String canonical(String path, String coreSchema) {
        String p = path.strip();
        String lower = p.toLowerCase(Locale.ROOT);
        String core = coreSchema.toLowerCase(Locale.ROOT) + ":";
        if (lower.startsWith(core)) {
            return lower.substring(core.length());
        }
        return lower;
    }

    /** The extension a canonical path belongs to, or null for a core attribute. */
    static String extensionOf(String canonicalPath) {
        for (String urn : EXTENSIONS) {
            String lower = urn.toLowerCase(Locale.ROOT);
            if (canonicalPath.equals(lower) || canonicalPath.startsWith(lower + ":")) {
                return urn;
            }
        }
        return null;
    }
}
