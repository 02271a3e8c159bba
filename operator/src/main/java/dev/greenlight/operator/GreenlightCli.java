package dev.greenlight.operator;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.greenlight.release.Control;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The operator CLI behind {@code ./greenlight}: push an image to the local cloud, and see and steer releases on
 * the local cloud or, with {@code --aws}, on AWS. Exit codes: 0 ok, 1 invalid input or nothing to act on, 2 a
 * followed release rolled back, was abandoned or its execution failed.
 */
public final class GreenlightCli {

    public static final int OK = 0;
    public static final int INVALID = 1;
    public static final int RELEASE_FAILED = 2;

    static final String USAGE = """
            usage: ./greenlight <command> [flags]

            Releases (the local cloud by default; --aws for the deployment on AWS):
              status [--aws]                  what is live, what is releasing, who holds the release lock
              watch [--release ID] [--once] [--aws]
                                              follow a release (default: the running one, else the newest)
                                              until it ends; --once prints one frame
              history [--limit N] [--aws]     past releases, newest first (default 20), and executions that
                                              failed before a release was recorded
              pause|resume|promote|abort [--release ID] [--aws]
                                              set a control on the running release (default: the lock holder);
                                              the workflow acts on it at its next check
              push [--tag T] [--jar PATH] [--env NAME=VALUE]... [--steps 10,50,100] [--bake S[,S...]]
                   [--plan JSON] [--watch]
                                              publish a blog jar as a new image on the local cloud, which starts a
                                              release; default jar blog-web/target/blog-web.jar, default tag
                                              build-<UTC yyyyMMdd-HHmmss>; --steps/--bake override the plan
                                              (one bake for all steps, or one per step), --plan any of its fields
                                              ('{"maxExtensionSeconds": 0, "gate": {"confidence": 0.999}}');
                                              --watch follows the release it starts
              help                            this text

            Local cloud: reads $GREENLIGHT_STATE/cloud.json, which ./greenlight up writes.
            AWS (--aws): region and credentials from the SDK's default chain (AWS_PROFILE, AWS_REGION, ...);
              AWS_ENDPOINT_URL_SFN, AWS_ENDPOINT_URL_DYNAMODB or AWS_ENDPOINT_URL override the endpoints.
              GREENLIGHT_STATE_MACHINE_ARN  required: terraform output state_machine_arn
              GREENLIGHT_RELEASES_TABLE     default Releases (terraform variable releases_table_name)
              GREENLIGHT_SERVICE            default blog (terraform variable service_name)

            Exit codes: 0 ok; 1 invalid input or nothing to act on; 2 the followed release was rolled back,
            abandoned or refused at pre-flight, or its execution failed.
            """;

    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);
    private static final Set<String> AWS = Set.of("--aws");

    private GreenlightCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs one command, printing to {@code out} and {@code err}; returns the exit code instead of exiting. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            fail(err, "no command given; see ./greenlight help");
            return INVALID;
        }
        String command = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (command.equals("help") || command.equals("--help") || command.equals("-h")
                || rest.contains("--help") || rest.contains("-h")) {
            out.print(USAGE);
            return OK;
        }
        Target target = null;
        try {
            Flags flags = flags(command, rest);
            if (command.equals("push")) {
                return new PushCommand(env, out, Clock.systemUTC(), WATCH_INTERVAL, System.console() != null)
                        .run(flags);
            }
            target = flags.has("--aws") ? Target.aws(env) : Target.local(env);
            try (Cloud cloud = Cloud.open(target)) {
                return operate(command, flags, cloud, env, out);
            }
        } catch (CliException e) {
            fail(err, e.getMessage());
            return e.exitCode();
        } catch (SdkClientException e) {
            boolean local = target == null || target.local();
            fail(err, "cannot reach " + (local ? "the local cloud" : target.name()) + ": " + e.getMessage()
                    + (local ? " (is the local system running? start it with ./greenlight up)" : ""));
            return INVALID;
        } catch (AwsServiceException e) {
            fail(err, (target == null ? "the local cloud" : target.name()) + " refused the request: "
                    + e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage()
                    + (target == null ? "" : " (Releases table " + target.releasesTable() + ", state machine "
                    + target.stateMachineArn() + ")"));
            return INVALID;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(err, "interrupted");
            return INVALID;
        }
    }

    /** One line on stderr, whatever the message holds. */
    private static void fail(PrintStream err, String message) {
        err.println("greenlight: " + String.valueOf(message).replaceAll("\\s*\\R\\s*", " "));
    }

    private static Flags flags(String command, List<String> args) {
        return switch (command) {
            case "status" -> Flags.parse(command, args, AWS, Set.of(), Set.of());
            case "watch" -> Flags.parse(command, args, Set.of("--aws", "--once"), Set.of("--release"), Set.of());
            case "history" -> {
                Flags flags = Flags.parse(command, args, AWS, Set.of("--limit"), Set.of());
                HistoryCommand.limit(flags);
                yield flags;
            }
            case "pause", "resume", "promote", "abort" ->
                    Flags.parse(command, args, AWS, Set.of("--release"), Set.of());
            case "push" -> Flags.parse(command, args, Set.of("--aws", "--watch"),
                    Set.of("--tag", "--jar", "--steps", "--bake", "--plan"), Set.of("--env"));
            default -> throw CliException.invalid("unknown command " + command + "; see ./greenlight help");
        };
    }

    private static int operate(String command, Flags flags, Cloud cloud, Map<String, String> env, PrintStream out)
            throws InterruptedException {
        return switch (command) {
            case "status" -> new StatusCommand(cloud, out).run();
            case "watch" -> new WatchCommand(cloud, out, System.console() != null, WATCH_INTERVAL).run(flags);
            case "history" -> new HistoryCommand(cloud, out).run(flags);
            default -> new ControlCommand(cloud, out, env)
                    .run(Control.valueOf(command.toUpperCase(Locale.ROOT)), flags);
        };
    }
}
