package dev.greenlight.release.store;

import static dev.greenlight.release.store.ReleasesTable.PK;
import static dev.greenlight.release.store.ReleasesTable.RELEASE_PREFIX;
import static dev.greenlight.release.store.ReleasesTable.SK;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.greenlight.release.Control;
import dev.greenlight.release.ReleaseState;
import dev.greenlight.release.StepRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The release items of the Releases table. Every write is idempotent: a Lambda or Step Functions retry
 * that repeats it leaves the item as one write would.
 */
public class ReleaseRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DynamoDbClient dynamoDb;
    private final String table;

    public ReleaseRecords(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** Creates the release item in the given state if it does not exist yet; an existing item is left alone. */
    public void start(String service, String releaseId, String executionId, String tag, String digest,
            ReleaseState state, String at) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(service));
        item.put(SK, s(RELEASE_PREFIX + releaseId));
        item.put("releaseId", s(releaseId));
        item.put("executionId", s(executionId));
        item.put("state", s(state.name()));
        item.put("tag", s(tag));
        item.put("digest", s(digest));
        item.put("startedAt", s(at));
        item.put("controls", AttributeValue.fromM(Map.of()));
        item.put("timeline", AttributeValue.fromM(Map.of()));
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException exists) {
            // a retry, or a queued release asking again
        }
    }

    /** Moves the release to a state; a final state also records why and when it ended. */
    public void setState(String service, String releaseId, ReleaseState state, String reason, String at) {
        Map<String, String> names = new HashMap<>(Map.of("#state", "state"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":state", s(state.name())));
        StringBuilder update = new StringBuilder("SET #state = :state");
        if (reason != null) {
            update.append(", reason = :reason");
            values.put(":reason", s(reason));
        }
        if (state.isFinal()) {
            update.append(", endedAt = :at");
            values.put(":at", s(at));
        }
        dynamoDb.updateItem(b -> b.tableName(table).key(key(service, releaseId))
                .updateExpression(update.toString())
                .expressionAttributeNames(names)
                .expressionAttributeValues(values));
    }

    /**
     * The release proceeds: it is IN_PROGRESS, with green's slot, the plan's steps and what it is expected to take,
     * and waits for nothing yet. One write, since Prepare is on the way to every release's first traffic.
     */
    public void proceed(String service, String releaseId, String greenSlot, List<Integer> steps, Forecast forecast) {
        dynamoDb.updateItem(b -> b.tableName(table).key(key(service, releaseId))
                .updateExpression("SET #state = :state, greenSlot = :slot, #plan = :plan, forecast = :forecast"
                        + " REMOVE #hold")
                .expressionAttributeNames(Map.of("#state", "state", "#plan", "plan", "#hold", "hold"))
                .expressionAttributeValues(Map.of(":state", s(ReleaseState.IN_PROGRESS.name()), ":slot", s(greenSlot),
                        ":plan", s(JSON.writeValueAsString(steps)), ":forecast", s(JSON.writeValueAsString(forecast)))));
    }

    /** Records the traffic split just set. */
    public void setTraffic(String service, String releaseId, int percent, Map<String, Integer> weights) {
        Map<String, AttributeValue> byGroup = new LinkedHashMap<>();
        weights.forEach((slot, weight) -> byGroup.put(slot, AttributeValue.fromN(Integer.toString(weight))));
        dynamoDb.updateItem(b -> b.tableName(table).key(key(service, releaseId))
                .updateExpression("SET #percent = :percent, weights = :weights")
                .expressionAttributeNames(Map.of("#percent", "percent"))
                .expressionAttributeValues(Map.of(
                        ":percent", AttributeValue.fromN(Integer.toString(percent)),
                        ":weights", AttributeValue.fromM(byGroup))));
    }

    /** Records the traffic step in progress. */
    public void setStep(String service, String releaseId, StepRequest.Step step) {
        setJson(service, releaseId, "step", step);
    }

    /** Records green's health as just checked. */
    public void setHealth(String service, String releaseId, Progress.Health health) {
        setJson(service, releaseId, "health", health);
    }

    /** Records what the release waits for now; null when it waits for nothing. */
    public void setHold(String service, String releaseId, Progress.Hold hold) {
        if (hold == null) {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(service, releaseId)).updateExpression("REMOVE #hold")
                    .expressionAttributeNames(Map.of("#hold", "hold")));
        } else {
            setJson(service, releaseId, "hold", hold);
        }
    }

    private void setJson(String service, String releaseId, String attribute, Object value) {
        dynamoDb.updateItem(b -> b.tableName(table).key(key(service, releaseId))
                .updateExpression("SET #attribute = :value")
                .expressionAttributeNames(Map.of("#attribute", attribute))
                .expressionAttributeValues(Map.of(":value", s(JSON.writeValueAsString(value)))));
    }

    /** Adds a decision to the timeline; the same decision written again stays one entry. */
    public void record(String service, String releaseId, Decision decision) {
        Map<String, AttributeValue> entry = new HashMap<>();
        entry.put("at", s(decision.at()));
        entry.put("kind", s(decision.kind()));
        entry.put("message", s(decision.message()));
        if (decision.evidence() != null) {
            entry.put("evidence", s(decision.evidence()));
        }
        dynamoDb.updateItem(b -> b.tableName(table).key(key(service, releaseId))
                .updateExpression("SET timeline.#key = :entry")
                .expressionAttributeNames(Map.of("#key", decision.key()))
                .expressionAttributeValues(Map.of(":entry", AttributeValue.fromM(entry))));
    }

    /**
     * Sets an operator control on a running release.
     *
     * @throws ReleaseNotRunningException if the release does not exist or has already ended
     */
    public void setControl(String service, String releaseId, Control control, String by, String at) {
        String value = by + " at " + at;
        // RESUME clears PAUSE and is kept itself, so the timeline can say who resumed the release
        String update = control == Control.RESUME ? "SET controls.#control = :value REMOVE controls.#pause"
                : "SET controls.#control = :value";
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":queued", s(ReleaseState.QUEUED.name()), ":running", s(ReleaseState.IN_PROGRESS.name()),
                ":value", s(value)));
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(service, releaseId))
                    .updateExpression(update)
                    .conditionExpression("attribute_exists(pk) AND #state IN (:queued, :running)")
                    .expressionAttributeNames(control == Control.RESUME
                            ? Map.of("#state", "state", "#control", control.name(), "#pause", Control.PAUSE.name())
                            : Map.of("#state", "state", "#control", control.name()))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException ended) {
            throw new ReleaseNotRunningException(service, releaseId);
        }
    }

    public Optional<ReleaseRecord> find(String service, String releaseId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(service, releaseId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toRecord(service, item));
    }

    /** The service's releases, newest first. */
    public List<ReleaseRecord> history(String service, int limit) {
        return dynamoDb.query(b -> b.tableName(table)
                        .keyConditionExpression("pk = :service AND begins_with(sk, :release)")
                        .expressionAttributeValues(Map.of(":service", s(service), ":release", s(RELEASE_PREFIX)))
                        .scanIndexForward(false)
                        .limit(limit))
                .items().stream().map(item -> toRecord(service, item)).toList();
    }

    private static ReleaseRecord toRecord(String service, Map<String, AttributeValue> item) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        Optional.ofNullable(item.get("weights")).map(AttributeValue::m)
                .ifPresent(m -> m.forEach((slot, w) -> weights.put(slot, Integer.parseInt(w.n()))));
        Map<String, String> controls = new LinkedHashMap<>();
        Optional.ofNullable(item.get("controls")).map(AttributeValue::m)
                .ifPresent(m -> m.forEach((name, v) -> controls.put(name, v.s())));
        List<Decision> timeline = new ArrayList<>();
        Optional.ofNullable(item.get("timeline")).map(AttributeValue::m).ifPresent(m -> m.values().forEach(v -> {
            Map<String, AttributeValue> e = v.m();
            timeline.add(new Decision(e.get("at").s(), e.get("kind").s(), e.get("message").s(),
                    e.containsKey("evidence") ? e.get("evidence").s() : null));
        }));
        timeline.sort(Comparator.comparing(Decision::key));
        return new ReleaseRecord(service, str(item, "releaseId"), str(item, "executionId"),
                ReleaseState.valueOf(str(item, "state")), str(item, "tag"), str(item, "digest"),
                str(item, "greenSlot"), item.containsKey("percent") ? Integer.valueOf(item.get("percent").n()) : null,
                weights, controls, str(item, "reason"), str(item, "startedAt"), str(item, "endedAt"), timeline,
                progress(item), json(item, "forecast", new TypeReference<Forecast>() { }));
    }

    private static Progress progress(Map<String, AttributeValue> item) {
        return new Progress(json(item, "plan", new TypeReference<List<Integer>>() { }),
                json(item, "step", new TypeReference<StepRequest.Step>() { }),
                json(item, "health", new TypeReference<Progress.Health>() { }),
                json(item, "hold", new TypeReference<Progress.Hold>() { }));
    }

    private static <T> T json(Map<String, AttributeValue> item, String name, TypeReference<T> type) {
        String value = str(item, name);
        return value == null ? null : JSON.readValue(value, type);
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Map<String, AttributeValue> key(String service, String releaseId) {
        return Map.of(PK, s(service), SK, s(RELEASE_PREFIX + releaseId));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
