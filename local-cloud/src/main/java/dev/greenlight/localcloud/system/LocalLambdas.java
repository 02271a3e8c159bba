package dev.greenlight.localcloud.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.greenlight.statemachine.definition.Placeholders;
import dev.greenlight.statemachine.engine.StateMachine;

/**
 * How the local Lambda service names the release functions: {@code release.asl.json}'s
 * {@code ${<Name>FunctionArn}} becomes {@code arn:aws:lambda:<region>:<account>:function:<Name>}, and that
 * function is the bean {@code <name>} (first letter lower-case), as Terraform names the Lambdas.
 */
public final class LocalLambdas {

    private LocalLambdas() {
    }

    /** {@code statemachine/release.asl.json} under {@code root}, its function ARNs filled in. */
    public static StateMachine releaseMachine(Path root, String region, String account) throws IOException {
        String template = Files.readString(root.resolve("statemachine/release.asl.json"));
        Map<String, String> arns = new TreeMap<>();
        for (String name : Placeholders.names(template)) {
            arns.put(name, "arn:aws:lambda:" + region + ":" + account + ":function:" + name.replace("FunctionArn", ""));
        }
        return StateMachine.parse(Placeholders.fill(template, arns));
    }

    /** The bean a function name or ARN invokes. */
    public static String beanName(String function) {
        String name = function.substring(function.lastIndexOf(':') + 1);
        return name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
    }
}
