package dev.greenlight.localcloud.elb;

/** The target group attributes the local ALB honours, with AWS's accepted values. */
final class TargetGroupAttributes {

    private TargetGroupAttributes() {
    }

    /** Returns why AWS would reject this attribute, or null when it is acceptable. */
    static String problem(String key, String value) {
        if (key == null || value == null) {
            return "An attribute needs both a key and a value";
        }
        return switch (key) {
            case TargetGroup.DEREGISTRATION_DELAY -> range(key, value, 0, 3600);
            case TargetGroup.STICKINESS_DURATION -> range(key, value, 1, 604_800);
            case TargetGroup.SLOW_START -> "0".equals(value) ? null : "Slow start is not supported by the local cloud; use 0";
            case TargetGroup.STICKINESS_ENABLED -> oneOf(key, value, "true", "false");
            case TargetGroup.STICKINESS_TYPE -> "lb_cookie".equals(value) ? null
                    : "Stickiness type '" + value + "' is not supported by the local cloud; use lb_cookie";
            case TargetGroup.ALGORITHM -> "round_robin".equals(value) ? null
                    : "Load balancing algorithm '" + value + "' is not supported by the local cloud; use round_robin";
            default -> "Attribute key '" + key + "' is not recognized";
        };
    }

    private static String range(String key, String value, int min, int max) {
        try {
            int number = Integer.parseInt(value);
            return number >= min && number <= max ? null
                    : "'" + key + "' must be between " + min + " and " + max + ", not " + value;
        } catch (NumberFormatException e) {
            return "'" + key + "' must be a whole number of seconds, not '" + value + "'";
        }
    }

    private static String oneOf(String key, String value, String... allowed) {
        return java.util.List.of(allowed).contains(value) ? null
                : "'" + key + "' must be one of " + String.join(", ", allowed) + ", not '" + value + "'";
    }
}
