package dev.greenlight.localcloud;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Builds the exceptions AWS returns, with the error code and message a real SDK call would carry. */
public final class AwsErrors {

    private AwsErrors() {
    }

    /**
     * Fills an SDK exception builder the way the SDK's response handler does for a 400 reply.
     *
     * @param builder     e.g. {@code ServiceNotFoundException.builder()}
     * @param serviceName e.g. {@code "ECS"}
     * @param errorCode   the wire error code, e.g. {@code "ServiceNotFoundException"}
     */
    @SuppressWarnings("unchecked")
    public static <T extends AwsServiceException> T error(AwsServiceException.Builder builder, String serviceName,
                                                          String errorCode, String message) {
        return (T) builder
                .message(message)
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .serviceName(serviceName)
                        .errorCode(errorCode)
                        .errorMessage(message)
                        .build())
                .build();
    }
}
