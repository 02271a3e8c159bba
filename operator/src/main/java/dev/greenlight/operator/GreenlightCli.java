package dev.greenlight.operator;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The operator CLI behind {@code ./greenlight}: push an image to the local cloud, and see and steer releases on
 * the local cloud or, with {@code --aws}, on AWS. Exit codes: 0 ok, 1 invalid input or nothing to act on, 2 a
 * followed release rolled back, was abandoned or its execution failed.
 */
@Command(name = "greenlight", mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class,
        description = "Release the blog blue/green and steer its releases: on the local cloud, or with --aws on AWS.",
        footer = {"",
                "Local cloud: reads $GREENLIGHT_STATE/cloud.json, which ./greenlight up writes.",
                "AWS (--aws): region and credentials from the SDK's default chain (AWS_PROFILE,",
                "  AWS_REGION, ...); AWS_ENDPOINT_URL_SFN, AWS_ENDPOINT_URL_DYNAMODB or",
                "  AWS_ENDPOINT_URL override the endpoints.",
                "  GREENLIGHT_STATE_MACHINE_ARN  required: terraform output state_machine_arn",
                "  GREENLIGHT_RELEASES_TABLE     default Releases (terraform releases_table_name)",
                "  GREENLIGHT_SERVICE            default blog (terraform service_name)",
                "",
                "Exit codes: 0 ok; 1 invalid input or nothing to act on; 2 the followed release",
                "  was rolled back, abandoned or refused at pre-flight, or its execution failed.",
                "",
                "'greenlight help COMMAND' or 'greenlight COMMAND --help' shows its flags."})
public final class GreenlightCli {

    public static final int OK = 0;
    public static final int INVALID = 1;
    public static final int RELEASE_FAILED = 2;

    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

    private GreenlightCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs one command, printing to {@code out} and {@code err}; returns the exit code instead of exiting. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        CommandLine cli = commandLine(new CliContext(env, out, Clock.systemUTC(), WATCH_INTERVAL,
                System.console() != null));
        PrintWriter help = new PrintWriter(out, true, StandardCharsets.UTF_8);
        cli.setOut(help);
        try {
            ParseResult parsed = cli.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed)) {
                help.flush();
                return OK;
            }
            if (!parsed.hasSubcommand()) {
                throw CliException.invalid("no command given; see 'greenlight --help'");
            }
            return ((CliCommand) parsed.subcommand().commandSpec().userObject()).run();
        } catch (ParameterException e) {
            fail(err, UsageError.describe(e));
            return INVALID;
        } catch (CliException e) {
            fail(err, e.getMessage());
            return e.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(err, "interrupted");
            return INVALID;
        }
    }

    /** Every command, in the order the help lists them; arguments are taken as given, @-files are not read. */
    static CommandLine commandLine(CliContext context) {
        CommandLine cli = new CommandLine(new GreenlightCli());
        List.of(new LocalSystemCli.Up(), new LocalSystemCli.Down(), new PlanCli(context), new PushCli(context), new StatusCli(context),
                new WatchCli(context), new HistoryCli(context), new ControlCli.Pause(context),
                new ControlCli.Resume(context), new ControlCli.Promote(context), new ControlCli.Abort(context),
                new ConsoleCli(context),
                new CompletionCli(context), new CommandLine.HelpCommand()).forEach(cli::addSubcommand);
        cli.setExpandAtFiles(false);
        // flags in the order they are declared, most used first
        Stream.concat(Stream.of(cli), cli.getSubcommands().values().stream())
                .forEach(command -> command.getCommandSpec().usageMessage().sortOptions(false).sortSynopsis(false));
        return cli;
    }

    /** One line on stderr, whatever the message holds. */
    private static void fail(PrintStream err, String message) {
        err.println("greenlight: " + String.valueOf(message).replaceAll("\\s*\\R\\s*", " "));
    }
}
