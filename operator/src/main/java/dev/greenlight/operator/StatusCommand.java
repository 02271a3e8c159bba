package dev.greenlight.operator;

import java.io.PrintStream;
import java.time.Instant;

import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** {@code status}: what is live, what is releasing or queued, who holds the lock, what runs. */
final class StatusCommand {

    private final Cloud cloud;
    private final PrintStream out;

    StatusCommand(Cloud cloud, PrintStream out) {
        this.cloud = cloud;
        this.out = out;
    }

    int run() {
        Target target = cloud.target();
        StatusView.Status status = new StatusView.Status(target.service(), target.name(), target.blogUrl(),
                cloud.recent(Cloud.RECENT), cloud.lock.holder(target.service()),
                new Executions(cloud.sfn, target.stateMachineArn()).list(ExecutionStatus.RUNNING, 100));
        out.print(StatusView.render(status, Instant.now()));
        return GreenlightCli.OK;
    }
}
