package dev.greenlight.operator;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.greenlight.release.Control;
import dev.greenlight.release.store.ReleaseNotRunningException;
import dev.greenlight.release.store.ReleaseRecord;

/**
 * {@code pause}, {@code resume}, {@code promote}, {@code abort}: set a control on the running release. The
 * workflow reads controls at every check of a bake or the termination wait, so the command only records it.
 */
final class ControlCommand {

    private final Cloud cloud;
    private final PrintStream out;
    private final Map<String, String> env;

    ControlCommand(Cloud cloud, PrintStream out, Map<String, String> env) {
        this.cloud = cloud;
        this.out = out;
        this.env = env;
    }

    /** Sets {@code control} on the release {@code releaseId}, or else on the running one. */
    int run(Control control, String releaseId) {
        String verb = control.name().toLowerCase(Locale.ROOT);
        ReleaseRecord release = Optional.ofNullable(releaseId).map(id -> named(id, verb))
                .orElseGet(() -> cloud.running().orElseThrow(() -> CliException.invalid(
                        "no release is running; there is nothing to " + verb)));
        String by = operator("cli", env);
        try {
            cloud.records.setControl(cloud.target().service(), release.releaseId(), control, by,
                    Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        } catch (ReleaseNotRunningException ended) {
            throw CliException.invalid("release " + release.releaseId() + " ended before the control was set;"
                    + " there is nothing to " + verb);
        }
        out.println(done(control, release) + " by " + by);
        out.println(effect(control));
        return GreenlightCli.OK;
    }

    private ReleaseRecord named(String releaseId, String verb) {
        ReleaseRecord release = cloud.find(releaseId).orElseThrow(() -> CliException.invalid("there is no release "
                + releaseId + " of " + cloud.target().service() + "; see ./greenlight history"));
        if (release.state().isFinal()) {
            throw CliException.invalid("release " + releaseId + " has already ended (" + release.state()
                    + "); there is nothing to " + verb);
        }
        return release;
    }

    private static String done(Control control, ReleaseRecord release) {
        String which = "release " + release.releaseId() + " (" + release.tag() + ")";
        return control == Control.RESUME ? "PAUSE cleared on " + which : control + " set on " + which;
    }

    private static String effect(Control control) {
        return switch (control) {
            case PAUSE -> "the workflow holds the current step at its next check, until ./greenlight resume";
            case RESUME -> "the workflow goes on at its next check";
            case PROMOTE -> "at its next check the workflow skips the remaining bakes and goes to 100% after"
                    + " verifying green";
            case ABORT -> "at its next check the workflow rolls back to blue";
        };
    }

    /** Who a control comes from, as the timeline records it: {@code via:user@host}, e.g. {@code cli:ann@box}. */
    static String operator(String via, Map<String, String> env) {
        return via + ":" + env.getOrDefault("USER", System.getProperty("user.name", "unknown")) + "@" + host(env);
    }

    private static String host(Map<String, String> env) {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return env.getOrDefault("HOSTNAME", "localhost");
        }
    }
}
