package dev.greenlight.localcloud.testapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Packs {@link TestApp} into an executable jar, the "image" tests push to the local ECR. */
public final class TestAppJar {

    private static Path built;

    private TestAppJar() {
    }

    /** The jar, built once per test JVM. */
    public static synchronized Path get() {
        if (built == null) {
            try {
                Path jar = Files.createTempFile("greenlight-test-app-", ".jar");
                jar.toFile().deleteOnExit();
                write(jar);
                built = jar;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return built;
    }

    private static void write(Path target) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, TestApp.class.getName());
        Path classes = Path.of(TestApp.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path packageDir = classes.resolve(TestApp.class.getPackageName().replace('.', '/'));
        try (OutputStream file = Files.newOutputStream(target);
             JarOutputStream jar = new JarOutputStream(file, manifest);
             var entries = Files.list(packageDir)) {
            for (Path classFile : entries.filter(p -> p.getFileName().toString().startsWith("TestApp")
                    && !p.getFileName().toString().startsWith("TestAppJar")).toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(classFile).toString()));
                try (InputStream in = Files.newInputStream(classFile)) {
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
        }
    }
}
