package io.livelink.deploycheck;

import java.util.List;

/** The Secrets the manifests refer to by name; deploy/README.md tells operators to create them. */
final class DeploySecrets {

    /** kubernetes.io/basic-auth (username, password): the database owner, for CNPG and services. */
    static final String DB_CREDENTIALS = "livelink-db-credentials";

    /** jwt-public.pem: the token issuer's public key. */
    static final String JWT_PUBLIC_KEY = "livelink-jwt-public-key";

    /** Link signing keys for link-service (mounted, optional until link signing lands). */
    static final String LINK_SIGNING_KEYS = "livelink-link-signing-keys";

    static final List<String> ALL = List.of(DB_CREDENTIALS, JWT_PUBLIC_KEY, LINK_SIGNING_KEYS);

    private DeploySecrets() {}
}
