package dev.greenlight.operator;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.greenlight.release.store.ReleaseRecord;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** {@code history [--limit N]}: past releases newest first, and executions that failed without a release. */
final class HistoryCommand {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1000;
    private static final List<ExecutionStatus> FAILED = List.of(ExecutionStatus.FAILED, ExecutionStatus.ABORTED,
            ExecutionStatus.TIMED_OUT);

    private final Cloud cloud;
    private final PrintStream out;

    HistoryCommand(Cloud cloud, PrintStream out) {
        this.cloud = cloud;
        this.out = out;
    }

    int run(int limit) {
        int fetch = Math.max(limit, Cloud.RECENT);
        List<ReleaseRecord> known = cloud.recent(fetch);
        // with more releases than were read, an older execution's record may just not have been read
        Instant horizon = known.size() < fetch ? Instant.MIN : Text.instant(known.get(known.size() - 1).startedAt());
        List<HistoryView.FailedExecution> failed = failedWithoutRecord(known, horizon, limit);
        out.print(HistoryView.render(known.subList(0, Math.min(limit, known.size())), failed, Instant.now()));
        return GreenlightCli.OK;
    }

    /** --limit: a number of releases from 1 to {@link #MAX_LIMIT}. */
    static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw CliException.invalid("--limit must be a whole number from 1 to " + MAX_LIMIT + ", not " + text);
    }

    /** Failed, aborted and timed-out executions no release record points at, newest first, with their causes. */
    private List<HistoryView.FailedExecution> failedWithoutRecord(List<ReleaseRecord> known, Instant horizon,
            int limit) {
        Set<String> recorded = known.stream().map(ReleaseRecord::executionId).collect(Collectors.toSet());
        Executions executions = new Executions(cloud.sfn, cloud.target().stateMachineArn());
        List<ExecutionListItem> unrecorded = new ArrayList<>();
        for (ExecutionStatus status : FAILED) {
            executions.list(status, limit).stream()
                    .filter(e -> !recorded.contains(e.executionArn()))
                    .filter(e -> horizon == null || e.startDate().isAfter(horizon))
                    .forEach(unrecorded::add);
        }
        return unrecorded.stream()
                .sorted(Comparator.comparing(ExecutionListItem::startDate).reversed())
                .limit(limit)
                .map(item -> {
                    DescribeExecutionResponse described = executions.describe(item.executionArn());
                    return new HistoryView.FailedExecution(item.name(), item.statusAsString(), item.startDate(),
                            described.error(), described.cause());
                })
                .toList();
    }
}
