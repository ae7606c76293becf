package io.livelink.platform;

import io.livelink.testsupport.LocalJwtIssuer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "token", description = "Prints a JWT signed by the local issuer.")
class TokenCommand implements Callable<Integer> {

    private static final Set<String> ROLES =
            Set.of("platform-admin", "tenant-admin", "member", "service");

    @Option(
            names = "--role",
            required = true,
            description = "platform-admin, tenant-admin, member or service")
    String role;

    @Option(
            names = "--tenant",
            description = "the tenant id (required for tenant-admin and member)")
    String tenant;

    @Option(names = "--member", description = "the member id (default: derived from the role)")
    String member;

    @Option(
            names = "--ttl",
            defaultValue = "PT12H",
            description = "lifetime, ISO-8601 (default ${DEFAULT-VALUE})")
    Duration ttl;

    @Override
    public Integer call() {
        if (!ROLES.contains(role)) {
            throw new PlatformException("--role must be one of " + ROLES);
        }
        if ((role.equals("tenant-admin") || role.equals("member")) && tenant == null) {
            throw new PlatformException("--tenant is required for role " + role);
        }
        String memberId =
                member != null
                        ? member
                        : role.equals("member")
                                ? "member-1"
                                : role.equals("tenant-admin") ? "admin-of-" + tenant : null;
        System.out.println(
                LocalJwtIssuer.inDirectory(PlatformHome.current().keys())
                        .mint(role, tenant, memberId, ttl));
        return 0;
    }
}
