package dev.greenlight.operator;

/** A command of the CLI, its flags parsed into its fields: what {@link GreenlightCli} runs. */
interface CliCommand {

    /**
     * Runs the command.
     *
     * @return the exit code
     * @throws CliException         with the line to print when the input is wrong or there is nothing to act on
     * @throws InterruptedException when a followed release is interrupted
     */
    int run() throws InterruptedException;
}
