package dev.greenlight.operator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code up} and {@code down}, which the {@code ./greenlight} script runs itself: declared here so that help and
 * completion cover every command the script takes.
 */
final class LocalSystemCli {

    private LocalSystemCli() {
    }

    private static CliException runByTheScript(String command) {
        return CliException.invalid(command + " is run by the ./greenlight script itself; run ./greenlight " + command);
    }

    @Command(name = "up", description = {"Build what is missing, start the local cloud and release the blog.",
            "Run by ./greenlight itself."})
    static final class Up implements CliCommand {

        @Option(names = "--port", paramLabel = "PORT", description = "The blog's port (default 8080).")
        private String port;
        @Mixin
        private HelpOption help;

        @Override
        public int run() {
            throw runByTheScript("up");
        }
    }

    @Command(name = "down", description = {"Stop everything up started; the state under .greenlight/ stays.",
            "Run by ./greenlight itself."})
    static final class Down implements CliCommand {

        @Mixin
        private HelpOption help;

        @Override
        public int run() {
            throw runByTheScript("down");
        }
    }
}
