package dev.kaigi.chassis.security;

/** Role names as they appear in the token's {@code roles} claim (ORG-02, plus super admin and service). */
public final class Roles {

    public static final String OWNER = "owner";
    public static final String MANAGER = "manager";
    public static final String MEMBER = "member";
    public static final String RESTRICTED = "restricted";
    /** The organization's representative administrator; always also an owner (ORG-02). */
    public static final String SUPER_ADMIN = "super_admin";
    /** Another Kaigi service calling service-to-service. */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
