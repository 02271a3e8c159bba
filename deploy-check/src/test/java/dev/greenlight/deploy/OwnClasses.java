package dev.greenlight.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.springframework.asm.ClassReader;

/**
 * The classes of Greenlight's own code on the class path (the release code and the operator CLI), and which of
 * them implement an interface.
 */
final class OwnClasses {

    private static final List<String> PACKAGES = List.of("dev/greenlight/release", "dev/greenlight/operator");
    private static final Map<String, List<String>> IMPLEMENTATIONS = new ConcurrentHashMap<>();
    private static volatile List<ClassReader> classes;

    private OwnClasses() {
    }

    /** Internal names of the own classes that implement {@code iface} directly. */
    static List<String> implementing(String iface) {
        return IMPLEMENTATIONS.computeIfAbsent(iface, name -> all().stream()
                .filter(reader -> Arrays.asList(reader.getInterfaces()).contains(name))
                .map(ClassReader::getClassName).toList());
    }

    private static List<ClassReader> all() {
        if (classes == null) {
            List<ClassReader> found = new ArrayList<>();
            try {
                for (String pkg : PACKAGES) {
                    Enumeration<URL> roots = OwnClasses.class.getClassLoader().getResources(pkg);
                    for (URL root : Collections.list(roots)) {
                        if ("jar".equals(root.getProtocol())) {
                            fromJar(((JarURLConnection) root.openConnection()).getJarFile(), pkg, found);
                        } else {
                            fromDirectory(Paths.get(root.toURI()), found);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
            classes = found;
        }
        return classes;
    }

    private static void fromJar(JarFile jar, String pkg, List<ClassReader> found) throws IOException {
        for (var entry : Collections.list(jar.entries())) {
            if (entry.getName().startsWith(pkg + "/") && entry.getName().endsWith(".class")) {
                try (InputStream in = jar.getInputStream(entry)) {
                    found.add(new ClassReader(in));
                }
            }
        }
    }

    private static void fromDirectory(Path directory, List<ClassReader> found) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    found.add(new ClassReader(in));
                }
            }
        }
    }
}
