package dev.greenlight.localcloud.sfn;

import java.util.regex.Pattern;

/** The state machine and execution ARNs Step Functions accepts, checked before anything is looked up. */
final class Arns {

    private static final Pattern STATE_MACHINE = Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:stateMachine:[^:]+");
    private static final Pattern EXECUTION = Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:execution:[^:]+:[^:]+");

    private Arns() {
    }

    static String stateMachine(String arn) {
        return checked(arn, STATE_MACHINE);
    }

    static String execution(String arn) {
        return checked(arn, EXECUTION);
    }

    private static String checked(String arn, Pattern pattern) {
        if (arn == null || !pattern.matcher(arn).matches()) {
            throw new SfnException("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
        }
        return arn;
    }
}
