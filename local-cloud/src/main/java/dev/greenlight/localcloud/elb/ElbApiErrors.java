package dev.greenlight.localcloud.elb;

import java.util.List;
import java.util.regex.Pattern;

import dev.greenlight.localcloud.AwsErrors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;

/** The ELBv2 API's errors, as its reference words them, and the checks of request fields that answer with them. */
final class ElbApiErrors {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");

    private ElbApiErrors() {
    }

    static void requireName(String name, String what) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw validation(what + " name '" + name + "' must be 1–32 alphanumeric characters or hyphens,"
                    + " and must not begin or end with a hyphen");
        }
    }

    static void requireValid(HealthCheckSettings settings) {
        String problem = settings.problem();
        if (problem != null) {
            throw validation(problem);
        }
    }

    static void requireTargets(List<TargetDescription> targets) {
        if (targets == null || targets.isEmpty()) {
            throw validation("You must specify at least one target");
        }
    }

    static void requirePort(Integer port) {
        if (port != null && (port < 1 || port > 65535)) {
            throw validation("1 validation error detected: Value '" + port
                    + "' at 'port' failed to satisfy constraint: Member must have value between 1 and 65535");
        }
    }

    static AwsServiceException validation(String message) {
        return error(ElasticLoadBalancingV2Exception.builder(), "ValidationError", message);
    }

    static AwsServiceException error(AwsServiceException.Builder builder, String code, String message) {
        return AwsErrors.error(builder, "ElasticLoadBalancingV2", code, message);
    }
}
