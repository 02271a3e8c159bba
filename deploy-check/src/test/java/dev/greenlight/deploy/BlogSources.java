package dev.greenlight.deploy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Classes of blog-web, compiled from its sources for the tests. blog-web is packaged as a Spring Boot
 * executable jar, which cannot be a Maven dependency, and the classes checked here (the tables' shapes, the
 * configuration record) depend only on the AWS SDK and Spring Boot, which this module has.
 */
final class BlogSources {

    private static ClassLoader loader;

    private BlogSources() {
    }

    static synchronized Class<?> load(String className) {
        try {
            if (loader == null) {
                loader = compile(List.of("dev/greenlight/blog/post/PostTable.java", "dev/greenlight/blog/account/SignInTable.java",
                        "dev/greenlight/blog/BlogProperties.java"));
            }
            return loader.loadClass(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ClassLoader compile(List<String> sources) {
        try {
            Path out = Files.createTempDirectory("blog-classes");
            List<String> arguments = new ArrayList<>(List.of("-proc:none", "-nowarn", "-d", out.toString(),
                    "-classpath", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))));
            sources.forEach(s -> arguments.add(Repo.path("blog-web/src/main/java/" + s).toString()));
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
            int status = compiler.run(null, errors, errors, arguments.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("cannot compile " + sources + ":\n" + errors);
            }
            return new URLClassLoader(new URL[] {out.toUri().toURL()}, BlogSources.class.getClassLoader());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
