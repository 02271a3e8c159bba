package dev.greenlight.localcloud.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JVM local tasks run on: the container image's Java (25, with its ahead-of-time cache) when the machine has
 * it, otherwise the local cloud's own.
 *
 * @param home    the Java home
 * @param feature its feature release, such as 25
 */
public record TaskJvm(Path home, int feature) {

    /** The feature release from which a JVM records an ahead-of-time cache rather than a CDS archive. */
    public static final int AOT_CACHE = 25;
    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    public Path java() {
        return home.resolve("bin").resolve("java");
    }

    /**
     * {@code GREENLIGHT_TASK_JAVA_HOME} if set; else this JVM if it is Java 25 or later; else the newest Java 25
     * or later among the machine's JVMs ({@code /usr/lib/jvm}); else this JVM.
     */
    public static TaskJvm find() {
        String configured = System.getenv("GREENLIGHT_TASK_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured);
            return at(home).orElseThrow(() -> new IllegalArgumentException(
                    "GREENLIGHT_TASK_JAVA_HOME=" + configured + " is not a Java home: it has no bin/java and release file"));
        }
        TaskJvm own = new TaskJvm(Path.of(System.getProperty("java.home")), Runtime.version().feature());
        if (own.feature() >= AOT_CACHE) {
            return own;
        }
        return installed(Path.of("/usr/lib/jvm")).stream().filter(jvm -> jvm.feature() >= AOT_CACHE)
                .max(Comparator.comparingInt(TaskJvm::feature)).orElse(own);
    }

    /** The JVMs installed under {@code directory}, each a Java home with a release file. */
    static List<TaskJvm> installed(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> homes = Files.list(directory)) {
            return homes.map(TaskJvm::at).flatMap(Optional::stream).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The JVM at {@code home}, if it is one: an executable bin/java and a release file naming its version. */
    static Optional<TaskJvm> at(Path home) {
        try {
            if (!Files.isExecutable(home.resolve("bin").resolve("java")) || !Files.isRegularFile(home.resolve("release"))) {
                return Optional.empty();
            }
            Matcher version = JAVA_VERSION.matcher(Files.readString(home.resolve("release")));
            return version.find() ? Optional.of(new TaskJvm(home, Integer.parseInt(version.group(1)))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
