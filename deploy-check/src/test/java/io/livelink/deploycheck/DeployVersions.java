package io.livelink.deploycheck;

/** Versions that the deployment files must agree on. */
final class DeployVersions {

    /**
     * The tag of the service images: the project version without -SNAPSHOT, so a version bump fails
     * this check until compose, the manifests and the build script follow.
     */
    static final String IMAGE_TAG =
            System.getProperty("livelink.version", "0.1.0-SNAPSHOT").replace("-SNAPSHOT", "");

    private DeployVersions() {}
}
