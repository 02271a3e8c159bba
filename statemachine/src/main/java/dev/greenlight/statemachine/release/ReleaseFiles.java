package dev.greenlight.statemachine.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The release workflow's two files as Terraform deploys them, from this module's jar: {@code release.asl.json},
 * with its {@code ${<Name>FunctionArn}} placeholders, and {@code ecr-push.pattern.json}, with
 * {@code ${RepositoryName}}.
 */
public final class ReleaseFiles {

    private ReleaseFiles() {
    }

    /** The state machine definition, placeholders unfilled. */
    public static String definition() {
        return read("release.asl.json");
    }

    /** The EventBridge rule's pattern for a push to the blog's repository, placeholder unfilled. */
    public static String ecrPushPattern() {
        return read("ecr-push.pattern.json");
    }

    private static String read(String name) {
        try (InputStream in = ReleaseFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the class path beside " + ReleaseFiles.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
