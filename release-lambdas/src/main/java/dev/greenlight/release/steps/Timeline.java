package dev.greenlight.release.steps;

import dev.greenlight.release.ReleaseContext;
import dev.greenlight.release.store.Decision;
import dev.greenlight.release.store.ReleaseRecords;
import tools.jackson.databind.json.JsonMapper;

/** The release's decisions, each with what it saw, in the order they were made: what operators read. */
public class Timeline {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ReleaseRecords records;

    public Timeline(ReleaseRecords records) {
        this.records = records;
    }

    void decide(ReleaseContext release, String at, String kind, String message, Object evidence) {
        decide(release.service(), release.releaseId(), at, kind, message, evidence);
    }

    void decide(String service, String releaseId, String at, String kind, String message, Object evidence) {
        records.record(service, releaseId,
                new Decision(at, kind, message, evidence == null ? null : JSON.writeValueAsString(evidence)));
    }
}
