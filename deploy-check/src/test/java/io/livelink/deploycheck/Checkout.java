package io.livelink.deploycheck;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/** The repository checkout whose deployment files are checked, and the files in it. */
final class Checkout {

    private static final Path ROOT =
            Path.of(System.getProperty("livelink.checkout", "..")).toAbsolutePath().normalize();

    private Checkout() {}

    static Path root() {
        return ROOT;
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relative + " in " + ROOT, e);
        }
    }

    /**
     * The service modules: every {@code *-service} folder with an {@code application.properties},
     * so a new service is checked as soon as it exists.
     */
    static List<String> serviceModules() {
        try (Stream<Path> children = Files.list(ROOT)) {
            return children.filter(Files::isDirectory)
                    .map(dir -> dir.getFileName().toString())
                    .filter(name -> name.endsWith("-service"))
                    .filter(
                            name ->
                                    Files.isRegularFile(
                                            path(
                                                    name
                                                            + "/src/main/resources/application.properties")))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The console: the web page and one origin for the services' APIs; no Kafka, no database. */
    static final String CONSOLE = "console";

    /** Every module shipped as a container image: the services and the console. */
    static List<String> imageModules() {
        return Stream.concat(serviceModules().stream(), Stream.of(CONSOLE)).toList();
    }

    static Properties applicationProperties(String service) {
        Properties properties = new Properties();
        try (Reader reader =
                Files.newBufferedReader(
                        path(service + "/src/main/resources/application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** The HTTP port a service listens on ({@code quarkus.http.port}). */
    static int httpPort(String service) {
        return Integer.parseInt(applicationProperties(service).getProperty("quarkus.http.port"));
    }

    /** The topics a service consumes ({@code mp.messaging.incoming.<channel>.topic}). */
    static List<String> consumedTopics(String service) {
        Properties properties = applicationProperties(service);
        return properties.stringPropertyNames().stream()
                .filter(key -> key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic"))
                .map(properties::getProperty)
                .sorted()
                .toList();
    }
}
