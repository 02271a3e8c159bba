package dev.greenlight.localcloud.events;

import dev.greenlight.localcloud.ecr.Image;
import dev.greenlight.localcloud.ecr.LocalEcr;
import dev.greenlight.statemachine.json.Json;
import tools.jackson.databind.node.ObjectNode;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** The "ECR Image Action" events ECR sends EventBridge when a push completes. */
public final class EcrPushEvents {

    private EcrPushEvents() {
    }

    /** Puts the push event of every image pushed to {@code ecr} on {@code bus}. */
    public static void forward(LocalEcr ecr, LocalEventBridge bus) {
        ecr.onPush(image -> bus.putEvent(of(image, bus.region(), bus.account())));
    }

    /** The event of a successful push of {@code image}, shaped as AWS sends it ({@code time} in whole seconds). */
    public static ObjectNode of(Image image, String region, String account) {
        ObjectNode event = Json.object();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "ECR Image Action");
        event.put("source", "aws.ecr");
        event.put("account", account);
        event.put("time", DateTimeFormatter.ISO_INSTANT.format(image.pushedAt().truncatedTo(ChronoUnit.SECONDS)));
        event.put("region", region);
        event.putArray("resources");
        ObjectNode detail = event.putObject("detail");
        detail.put("result", "SUCCESS");
        detail.put("repository-name", image.repositoryName());
        detail.put("image-digest", image.digest());
        detail.put("action-type", "PUSH");
        detail.put("image-tag", image.tag());
        return event;
    }
}
