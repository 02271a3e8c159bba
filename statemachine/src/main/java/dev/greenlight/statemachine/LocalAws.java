package dev.greenlight.statemachine;

/**
 * Where everything local says it is: the region and account in the ARNs of a local run of a definition and of
 * every stand-in of the local cloud. Nothing is ever called there.
 */
public final class LocalAws {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "123456789012";

    private LocalAws() {
    }
}
