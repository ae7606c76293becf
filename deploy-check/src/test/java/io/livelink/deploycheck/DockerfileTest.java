package io.livelink.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each service's and the console's Dockerfile.jvm packages the Quarkus fast-jar the way the
 * manifests expect.
 */
class DockerfileTest {

    static List<String> services() {
        return Checkout.imageModules();
    }

    /** One entry per instruction: lines continued with a backslash are joined. */
    private static List<String> instructions(String service) {
        return Arrays.stream(
                        Checkout.read(service + "/src/main/docker/Dockerfile.jvm")
                                .replaceAll("\\\\\n\\s*", "")
                                .split("\n"))
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
        List<String> stages = starting(service, "FROM");

        assertThat(stages.get(stages.size() - 1))
                .as("the image's own stage, the last")
                .startsWith("FROM registry.access.redhat.com/ubi9/openjdk-17-runtime:");
        assertThat(stages.subList(0, stages.size() - 1))
                .as("earlier stages only provide files, by name")
                .allSatisfy(stage -> assertThat(stage).matches("FROM \\S+:\\S+ AS [a-z0-9-]+"));
    }

    @ParameterizedTest
    @MethodSource("services")
    void fastJarIsCopiedInFourLayersOwnedByTheRuntimeUser(String service) {
        assertThat(starting(service, "COPY"))
                .filteredOn(copy -> !copy.startsWith("COPY --from="))
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

    /** Where Debian's fonts-wqy-microhei puts its font, the first place certificates look. */
    private static final String CJK_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

    @Test
    void analyticsImageCarriesTheCjkFontItsCertificatesEmbed() {
        List<String> instructions = instructions("analytics-service");
        String fontStage =
                starting("analytics-service", "FROM").stream()
                        .filter(stage -> stage.startsWith("FROM debian:"))
                        .map(stage -> stage.substring(stage.lastIndexOf(' ') + 1))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no Debian stage for the font"));

        assertThat(instructions)
                .anySatisfy(
                        run ->
                                assertThat(run)
                                        .startsWith("RUN apt-get update")
                                        .contains("fonts-wqy-microhei"))
                .contains("COPY --from=" + fontStage + " " + CJK_FONT + " " + CJK_FONT);
        // ... and the service looks for it there when LIVELINK_TRAINING_CERTIFICATE_FONT is unset.
        assertThat(
                        Checkout.read(
                                "analytics-service/src/main/java/io/livelink/analytics/export"
                                        + "/CjkFont.java"))
                .contains("\"" + CJK_FONT + "\"");
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
