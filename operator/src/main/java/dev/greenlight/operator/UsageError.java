package dev.greenlight.operator;

import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** A command line picocli could not parse, told as one line saying what to fix and where the flags are listed. */
final class UsageError {

    private UsageError() {
    }

    static String describe(ParameterException e) {
        CommandLine command = e.getCommandLine();
        boolean root = command.getParent() == null;
        String name = command.getCommandName();
        String help = root ? "see 'greenlight --help'" : "see 'greenlight " + name + " --help'";
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String argument = unmatched.getUnmatched().get(0);
            if (argument.startsWith("-")) {
                return "unknown flag " + argument + (root ? "" : " for " + name) + "; " + help;
            }
            if (root) {
                return "unknown command '" + argument + "' (commands: "
                        + String.join(", ", command.getSubcommands().keySet()) + "); " + help;
            }
            return "unexpected argument " + argument + " for " + name + "; " + help;
        }
        OptionSpec option = option(e);
        if (option == null) {
            return picocliWording(e, help);
        }
        if (e instanceof MissingParameterException) {
            return option.longestName() + " needs a value (" + name + " " + option.longestName() + " "
                    + option.paramLabel() + ")";
        }
        if (e instanceof OverwrittenOptionException) {
            return option.longestName() + " is given more than once; give it once";
        }
        if (option.arity().max() == 0) {
            return option.longestName() + " takes no value (" + name + " " + option.longestName() + ")";
        }
        return picocliWording(e, help);
    }

    /** Picocli's own message, as a clause: "Unknown subcommand 'x'." reads "unknown subcommand 'x'". */
    private static String picocliWording(ParameterException e, String help) {
        String message = e.getMessage().replaceAll("\\.$", "");
        return Character.toLowerCase(message.charAt(0)) + message.substring(1) + "; " + help;
    }

    /** The option the error is about, where picocli tells it. */
    private static OptionSpec option(ParameterException e) {
        ArgSpec spec = e.getArgSpec();
        if (spec == null && e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
            spec = missing.getMissing().get(0);
        }
        if (spec == null && e instanceof OverwrittenOptionException overwritten) {
            spec = overwritten.getOverwritten();
        }
        return spec instanceof OptionSpec option ? option : null;
    }
}
