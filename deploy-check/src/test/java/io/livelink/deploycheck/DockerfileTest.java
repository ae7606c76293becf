package io.livelink.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each service's Dockerfile.jvm packages the Quarkus fast-jar the way the manifests expect. */
class DockerfileTest {

    static List<String> services() {
        return Checkout.serviceModules();
    }

    private static List<String> instructions(String service) {
        return Arrays.stream(Checkout.read(service + "/src/main/docker/Dockerfile.jvm").split("\n"))
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    private static List<String> starting(String service, String instruction) {
        return instructions(service).stream()
                .filter(line -> line.startsWith(instruction + " "))
                .toList();
    }

    @ParameterizedTest
    @MethodSource("services")
    void imageIsBuiltOnTheUbiJava17Runtime(String service) {
        assertThat(starting(service, "FROM"))
                .singleElement()
                .asString()
                .startsWith("FROM registry.access.redhat.com/ubi9/openjdk-17-runtime:");
    }

    @ParameterizedTest
    @MethodSource("services")
    void fastJarIsCopiedInFourLayersOwnedByTheRuntimeUser(String service) {
        assertThat(starting(service, "COPY"))
                .containsExactly(
                        "COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/",
                        "COPY --chown=185 target/quarkus-app/*.jar /deployments/",
                        "COPY --chown=185 target/quarkus-app/app/ /deployments/app/",
                        "COPY --chown=185 target/quarkus-app/quarkus/ /deployments/quarkus/");
        assertThat(
                        Checkout.applicationProperties(service)
                                .getProperty("quarkus.package.jar.type", "fast-jar"))
                .isEqualTo("fast-jar");
        assertThat(instructions(service))
                .contains("ENV JAVA_APP_JAR=\"/deployments/quarkus-run.jar\"");
    }

    @ParameterizedTest
    @MethodSource("services")
    void imageRunsAsTheNonRootUserThePodsRunAs(String service) {
        assertThat(starting(service, "USER"))
                .containsExactly("USER " + ServiceManifestsTest.IMAGE_USER);
    }

    @ParameterizedTest
    @MethodSource("services")
    void imageExposesTheServicePort(String service) {
        assertThat(starting(service, "EXPOSE"))
                .containsExactly("EXPOSE " + Checkout.httpPort(service));
    }

    @ParameterizedTest
    @MethodSource("services")
    void jvmSizesItsHeapFromTheContainerLimitAndExitsOnOutOfMemory(String service) {
        assertThat(starting(service, "ENV"))
                .anySatisfy(
                        env ->
                                assertThat(env)
                                        .startsWith("ENV JAVA_OPTS_APPEND=")
                                        .contains("-XX:MaxRAMPercentage=75")
                                        .contains("-XX:+ExitOnOutOfMemoryError")
                                        .contains("-Dquarkus.http.host=0.0.0.0"))
                .contains("ENV JAVA_MAX_MEM_RATIO=75");
    }

    @ParameterizedTest
    @MethodSource("services")
    void buildContextSendsOnlyThePackagedApplication(String service) {
        assertThat(
                        Checkout.read(service + "/src/main/docker/Dockerfile.jvm.dockerignore")
                                .lines()
                                .filter(line -> !line.startsWith("#")))
                .containsExactly("*", "!target/quarkus-app/*");
    }

    @Test
    void buildScriptBuildsEveryServiceImageWithTheDocumentedCommand() {
        String script = Checkout.read("deploy/build-images.sh");

        assertThat(Files.isExecutable(Checkout.path("deploy/build-images.sh"))).isTrue();
        java.util.regex.Matcher listed =
                java.util.regex.Pattern.compile("(?m)^services=\\(([^)]*)\\)$").matcher(script);
        assertThat(listed.find()).as("services=(...) in build-images.sh").isTrue();
        assertThat(listed.group(1).split(" ")).containsExactlyInAnyOrderElementsOf(services());
        assertThat(script)
                .contains("version=\"${LIVELINK_VERSION:-" + DeployVersions.IMAGE_TAG + "}\"")
                .contains(
                        "docker build -f \"$service/src/main/docker/Dockerfile.jvm\" -t"
                                + " \"livelink/$service:$version\" \"$service\"");
        String readme = Checkout.read("deploy/README.md");
        for (String service : services()) {
            assertThat(readme)
                    .contains(
                            "docker build -f "
                                    + service
                                    + "/src/main/docker/Dockerfile.jvm -t livelink/"
                                    + service
                                    + ":"
                                    + DeployVersions.IMAGE_TAG
                                    + " "
                                    + service);
        }
    }
}
