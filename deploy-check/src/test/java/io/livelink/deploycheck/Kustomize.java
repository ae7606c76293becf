package io.livelink.deploycheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with the real tool, {@code kubectl kustomize}, as an operator's {@code
 * kubectl apply -k} would. Each directory is rendered once per test run.
 */
final class Kustomize {

    /** Path or name of kubectl; {@code KUBECTL} in the environment overrides it. */
    private static final String KUBECTL =
            System.getenv().getOrDefault("KUBECTL", System.getProperty("kubectl", "kubectl"));

    private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {}

    static String render(String kustomization) {
        return RENDERED.computeIfAbsent(kustomization, Kustomize::run);
    }

    private static String run(String kustomization) {
        Path directory = Checkout.path(kustomization);
        Process process;
        Path errors;
        try {
            errors = Files.createTempFile("kustomize-", ".err");
            process =
                    new ProcessBuilder(KUBECTL, "kustomize", directory.toString())
                            .redirectError(errors.toFile())
                            .start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot run '"
                            + KUBECTL
                            + "': deploy-check renders deploy/ with `kubectl kustomize` and needs"
                            + " kubectl 1.27 or newer (built-in kustomize v5) on the PATH, or its"
                            + " path in KUBECTL ("
                            + e.getMessage()
                            + ")",
                    e);
        }
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + kustomization + " hung");
            }
            String stderr = Files.readString(errors);
            Files.deleteIfExists(errors);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        "kubectl kustomize " + kustomization + " failed:\n" + stderr);
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
