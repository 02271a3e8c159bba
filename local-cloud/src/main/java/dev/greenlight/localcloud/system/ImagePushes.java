package dev.greenlight.localcloud.system;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import dev.greenlight.localcloud.ecr.Image;
import dev.greenlight.localcloud.ecr.LocalEcr;
import dev.greenlight.localcloud.events.EcrPushEvents;
import dev.greenlight.statemachine.LocalAws;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the control API does: a jar pushed to the local ECR with ECR's push event put on the bus, which starts
 * its release, and any other event put on the bus as a service would.
 */
final class ImagePushes implements ControlApi.Operations {

    private final LocalEcr ecr;
    private final FunctionHost functions;
    private final ReleaseMachine machine;

    ImagePushes(LocalEcr ecr, FunctionHost functions, ReleaseMachine machine) {
        this.ecr = ecr;
        this.functions = functions;
        this.machine = machine;
    }

    /** Pushes a jar and emits ECR's push event, with the plan override if given, once the functions accept it. */
    @Override
    public ControlApi.Publication publish(String tag, Path jar, Map<String, String> env, JsonNode plan) {
        if (plan != null) {
            functions.checkPlan(plan);
        }
        Image image = push(tag, jar, env);
        ObjectNode event = EcrPushEvents.of(image, LocalAws.REGION, LocalAws.ACCOUNT);
        if (plan != null) {
            event.set("plan", plan);
        }
        return machine.putEvent(event, image);
    }

    @Override
    public ControlApi.Publication putEvent(JsonNode event) {
        return machine.putEvent((ObjectNode) event, null);
    }

    @Override
    public JsonNode planInputs(JsonNode plan, int windowSeconds) {
        return functions.planInputs(plan, windowSeconds, java.time.Instant.now());
    }

    /** Stores a jar as an image of the blog's repository, without an event. */
    Image push(String tag, Path jar, Map<String, String> env) {
        return ecr.putImage(Infrastructure.REPOSITORY, tag, jar, bakedEnvironment(ecr, tag, jar, env));
    }

    /**
     * The variables baked into a pushed image. The blog reports {@code BLOG_VERSION} in every response; unless
     * the push sets it, it is the tag, as an image built for that tag would carry. Pushing the same jar with
     * the same variables again under another tag reuses the first image's version, so it is the same image
     * (same digest), as re-tagging an image is on ECR.
     */
    static Map<String, String> bakedEnvironment(LocalEcr ecr, String tag, Path jar, Map<String, String> env) {
        Map<String, String> baked = new TreeMap<>(env);
        if (baked.containsKey("BLOG_VERSION")) {
            return baked;
        }
        for (Image existing : ecr.imagesOfJar(Infrastructure.REPOSITORY, jar)) {
            Map<String, String> others = new TreeMap<>(existing.environment());
            String version = others.remove("BLOG_VERSION");
            if (others.equals(baked) && version != null) {
                baked.put("BLOG_VERSION", version);
                return baked;
            }
        }
        baked.put("BLOG_VERSION", tag);
        return baked;
    }
}
