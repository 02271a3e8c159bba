package dev.greenlight.localcloud.system;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.greenlight.statemachine.definition.Placeholders;
import dev.greenlight.statemachine.engine.StateMachine;
import dev.greenlight.statemachine.release.ReleaseFiles;

/**
 * How the local Lambda service names the release functions: {@code release.asl.json}'s
 * {@code ${<Name>FunctionArn}} becomes {@code arn:aws:lambda:<region>:<account>:function:<Name>}, and that
 * function is the bean {@code <name>} (first letter lower-case), as Terraform names the Lambdas.
 */
public final class LocalLambdas {

    private LocalLambdas() {
    }

    /** {@code release.asl.json}, from the class path, its function ARNs filled in. */
    public static StateMachine releaseMachine(String region, String account) {
        String template = ReleaseFiles.definition();
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
