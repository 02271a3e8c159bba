package dev.greenlight.operator;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "console", description = {"Serve the operator console on 127.0.0.1: releases, and each release's",
        "workflow, traffic, gate and timeline, live, with pause, resume, promote and abort.",
        "Prints the address to open; it carries the token the pages and controls need."},
        footer = {"", "With --aws, GREENLIGHT_LOAD_BALANCER (terraform output load_balancer_dimension) names the ALB",
                "whose metrics the pages show; AWS_ENDPOINT_URL_CLOUDWATCH overrides CloudWatch's endpoint."})
final class ConsoleCli implements CliCommand {

    /** How often a page that follows a release reads it: locally, and on AWS, where reads are paid for. */
    static final Duration LOCAL_INTERVAL = Duration.ofSeconds(1);
    static final Duration AWS_INTERVAL = Duration.ofSeconds(5);

    @Mixin
    private TargetOption target;
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "The port on 127.0.0.1 (default: a free one).")
    private int port;
    @Option(names = "--read-only", description = "Show releases without the controls; refuse controls.")
    private boolean readOnly;
    @Option(names = "--url-file", paramLabel = "FILE",
            description = "Also write the address to FILE, readable by you alone.")
    private Path urlFile;
    @Mixin
    private HelpOption help;
    private final CliContext context;

    ConsoleCli(CliContext context) {
        this.context = context;
    }

    @Override
    public int run() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw CliException.invalid("--port must be between 0 and 65535 (0 picks a free port), not " + port);
        }
        String token = context.env().get("GREENLIGHT_CONSOLE_TOKEN");
        if (token != null && !token.matches("[A-Za-z0-9_-]{16,512}")) {
            throw CliException.invalid("GREENLIGHT_CONSOLE_TOKEN must be 16 to 512 letters, digits, - or _; unset it"
                    + " to have the console generate one");
        }
        Target resolved = target.resolve(context.env());
        ConsoleServer.Options options = new ConsoleServer.Options(port, token == null ? ConsoleServer.newToken()
                : token, readOnly, resolved.local() ? LOCAL_INTERVAL : AWS_INTERVAL,
                ControlCommand.operator("console", context.env()));
        AwsCalls calls = new AwsCalls();
        return Cloud.use(resolved, calls, cloud -> serve(cloud, options, calls));
    }

    private int serve(Cloud cloud, ConsoleServer.Options options, AwsCalls calls) throws InterruptedException {
        ConsoleServer server;
        try {
            server = new ConsoleServer(cloud, options, calls);
        } catch (IOException e) {
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw CliException.invalid("port " + options.port() + " on 127.0.0.1 is in use; choose another with"
                        + " --port, or --port 0 for a free one");
            }
            throw CliException.invalid("cannot listen on 127.0.0.1:" + options.port() + ": " + e.getMessage());
        }
        try (server) {
            try {
                server.start();
            } catch (IOException e) {
                throw CliException.invalid(e.getMessage());
            }
            if (urlFile != null) {
                write(urlFile, server.url());
            }
            // with a file, the address goes there alone, so the token stays out of logs
            context.out().println("greenlight console for " + cloud.target().service() + " on "
                    + cloud.target().name() + (options.readOnly() ? " (read-only)" : "") + ": "
                    + (urlFile == null ? server.url() : "http://127.0.0.1:" + server.port()
                    + "/ (the address with its token is in " + urlFile + ")"));
            context.out().flush();
            new CountDownLatch(1).await();
            return GreenlightCli.OK;
        }
    }

    private static void write(Path file, String url) {
        try {
            Path staged = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(staged);
            Files.createFile(staged, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(staged, url + "\n", StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(staged, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UnsupportedOperationException e) {
            throw CliException.invalid("cannot write the console's address to " + file + ": " + e.getMessage());
        }
    }
}
