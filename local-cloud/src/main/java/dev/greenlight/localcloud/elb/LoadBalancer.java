package dev.greenlight.localcloud.elb;

import java.time.Instant;

/** An application load balancer: a name for listeners to hang off, with AWS's ARN and metric dimension. */
record LoadBalancer(String arn, String name, String id, Instant createdAt) {

    /** The CloudWatch LoadBalancer dimension value: {@code app/<name>/<id>}. */
    String dimension() {
        return "app/" + name + "/" + id;
    }
}
