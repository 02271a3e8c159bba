package dev.greenlight.operator;

import java.util.Map;

import picocli.CommandLine.Option;

/** {@code --aws}: which target a command acts on, the local cloud (default) or the deployment on AWS. */
final class TargetOption {

    @Option(names = "--aws", description = "Act on the deployment on AWS instead of the local cloud.")
    boolean aws;

    Target resolve(Map<String, String> env) {
        return aws ? Target.aws(env) : Target.local(env);
    }
}
