package dev.greenlight.localcloud.release;

import java.nio.file.Files;
import java.nio.file.Path;

/** The packaged blog, which the release tests push as images and run as ECS tasks. */
final class BlogJar {

    private BlogJar() {
    }

    static Path path() {
        Path jar = Path.of(System.getProperty("greenlight.root", ".."), "blog-web", "target", "blog-web.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -pl blog-web -am package -DskipTests"
                    + " (the reactor build packages it before these tests)");
        }
        return jar;
    }
}
