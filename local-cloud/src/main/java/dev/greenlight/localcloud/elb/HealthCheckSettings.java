package dev.greenlight.localcloud.elb;

import java.util.regex.Pattern;

/**
 * A target group's health check, with AWS's defaults and ranges for ip targets over HTTP.
 *
 * @param path               the request path, default {@code /}
 * @param intervalSeconds    5–300, default 30
 * @param timeoutSeconds     2–120 and less than the interval, default 5
 * @param healthyThreshold   consecutive successes to become healthy, 2–10, default 5
 * @param unhealthyThreshold consecutive failures to become unhealthy, 2–10, default 2
 * @param matcher            the HTTP codes that count as success: {@code 200}, {@code 200,204} or {@code 200-299}
 */
record HealthCheckSettings(String path, int intervalSeconds, int timeoutSeconds, int healthyThreshold,
                           int unhealthyThreshold, String matcher) {

    static final HealthCheckSettings DEFAULTS = new HealthCheckSettings("/", 30, 5, 5, 2, "200");
    private static final Pattern MATCHER = Pattern.compile("\\d{3}(-\\d{3})?(,\\d{3}(-\\d{3})?)*");

    /** Returns what is wrong with these settings, or null when AWS would accept them. */
    String problem() {
        if (path == null || !path.startsWith("/") || path.length() > 1024) {
            return "Health check path must start with '/' and be at most 1024 characters";
        }
        if (intervalSeconds < 5 || intervalSeconds > 300) {
            return "Health check interval must be between 5 and 300 seconds";
        }
        if (timeoutSeconds < 2 || timeoutSeconds > 120) {
            return "Health check timeout must be between 2 and 120 seconds";
        }
        if (timeoutSeconds >= intervalSeconds) {
            return "Health check timeout must be smaller than the interval";
        }
        if (healthyThreshold < 2 || healthyThreshold > 10) {
            return "Healthy threshold count must be between 2 and 10";
        }
        if (unhealthyThreshold < 2 || unhealthyThreshold > 10) {
            return "Unhealthy threshold count must be between 2 and 10";
        }
        if (matcher == null || !MATCHER.matcher(matcher).matches()) {
            return "Health check matcher HTTP code '" + matcher + "' must be a code, a list of codes or a range such as 200-299";
        }
        return null;
    }

    boolean matches(int status) {
        for (String part : matcher.split(",")) {
            String[] range = part.split("-");
            int low = Integer.parseInt(range[0]);
            int high = range.length == 2 ? Integer.parseInt(range[1]) : low;
            if (status >= low && status <= high) {
                return true;
            }
        }
        return false;
    }
}
