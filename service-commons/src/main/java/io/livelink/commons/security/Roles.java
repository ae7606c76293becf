package io.livelink.commons.security;

/** The JWT groups LiveLink knows (SPEC §6). */
public final class Roles {
    public static final String PLATFORM_ADMIN = "platform-admin";
    public static final String TENANT_ADMIN = "tenant-admin";
    public static final String MEMBER = "member";
    public static final String SERVICE = "service";

    /** The JWT claim naming the caller's tenant. */
    public static final String TENANT_CLAIM = "tenant";

    /** The JWT claim naming the caller's member id in the tenant's directory. */
    public static final String MEMBER_CLAIM = "member";

    private Roles() {}
}
