package dev.greenlight.operator;

import java.util.List;
import java.util.Optional;

import dev.greenlight.release.store.ReleaseLock;
import dev.greenlight.release.store.ReleaseRecord;
import dev.greenlight.release.store.ReleaseRecords;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The clients of one target and what the commands read through them: releases, the lock, executions. */
final class Cloud implements AutoCloseable {

    /** How far back status and the default release choice look. */
    static final int RECENT = 100;

    private final Target target;
    final SfnClient sfn;
    final DynamoDbClient dynamoDb;
    private final ClientOverrideConfiguration overrides;
    /** Built on first use: only the console reads metrics. */
    private CloudWatchClient cloudWatch;
    final ReleaseRecords records;
    final ReleaseLock lock;

    private Cloud(Target target, SfnClient sfn, DynamoDbClient dynamoDb, ClientOverrideConfiguration overrides) {
        this.target = target;
        this.overrides = overrides;
        this.sfn = sfn;
        this.dynamoDb = dynamoDb;
        this.records = new ReleaseRecords(dynamoDb, target.releasesTable());
        this.lock = new ReleaseLock(dynamoDb, target.releasesTable());
    }

    static Cloud open(Target target) {
        return open(target, null);
    }

    /** Opens the target's clients; {@code calls}, if given, sees every call they make. */
    static Cloud open(Target target, ExecutionInterceptor calls) {
        ClientOverrideConfiguration overrides = calls == null ? ClientOverrideConfiguration.builder().build()
                : ClientOverrideConfiguration.builder().addExecutionInterceptor(calls).build();
        SfnClient sfn;
        try {
            sfn = configure(SfnClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                    .overrideConfiguration(overrides), target.sfn()).build();
        } catch (SdkClientException e) {
            if (e.getMessage() != null && e.getMessage().contains("region")) {
                throw CliException.invalid("no AWS region is configured; set AWS_REGION or a region in your AWS"
                        + " profile");
            }
            throw e;
        }
        try {
            return new Cloud(target, sfn, configure(DynamoDbClient.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder()).overrideConfiguration(overrides),
                    target.dynamoDb()).build(), overrides);
        } catch (RuntimeException e) {
            sfn.close();
            throw e;
        }
    }

    /** What a command does with a target's clients. */
    interface Work {
        int run(Cloud cloud) throws InterruptedException;
    }

    /**
     * Opens the target's clients, does {@code work} with them and closes them. The SDK's failures become one line
     * for the operator: a target that cannot be reached, or one that refused a request.
     */
    static int use(Target target, Work work) throws InterruptedException {
        return use(target, null, work);
    }

    static int use(Target target, ExecutionInterceptor calls, Work work) throws InterruptedException {
        try (Cloud cloud = open(target, calls)) {
            return work.run(cloud);
        } catch (SdkClientException e) {
            throw CliException.invalid("cannot reach " + target.name() + ": " + e.getMessage()
                    + (target.local() ? " (is the local system running? start it with ./greenlight up)" : ""));
        } catch (AwsServiceException e) {
            throw CliException.invalid(target.name() + " refused the request: " + e.awsErrorDetails().errorCode()
                    + ": " + e.awsErrorDetails().errorMessage() + " (Releases table " + target.releasesTable()
                    + ", state machine " + target.stateMachineArn() + ")");
        }
    }

    /** Sets the endpoint's region, endpoint override and credentials on an SDK client builder, where given. */
    static <B extends AwsClientBuilder<B, ?>> B configure(B builder, Target.Endpoint endpoint) {
        if (endpoint.region() != null) {
            builder.region(endpoint.region());
        }
        if (endpoint.endpoint() != null) {
            builder.endpointOverride(endpoint.endpoint());
        }
        if (endpoint.credentials() != null) {
            builder.credentialsProvider(endpoint.credentials());
        }
        return builder;
    }

    Target target() {
        return target;
    }

    /** CloudWatch, where the ALB's metrics are. */
    synchronized CloudWatchClient cloudWatch() {
        if (cloudWatch == null) {
            cloudWatch = configure(CloudWatchClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                    .overrideConfiguration(overrides), target.cloudWatch()).build();
        }
        return cloudWatch;
    }

    /** The service's releases, newest first. */
    List<ReleaseRecord> recent(int limit) {
        return records.history(target.service(), limit);
    }

    Optional<ReleaseRecord> find(String releaseId) {
        return records.find(target.service(), releaseId);
    }

    /** The release that is running: the lock holder, else the newest queued or in-progress release. */
    Optional<ReleaseRecord> running() {
        Optional<ReleaseRecord> holder = lock.holder(target.service())
                .flatMap(h -> find(h.releaseId()))
                .filter(r -> !r.state().isFinal());
        if (holder.isPresent()) {
            return holder;
        }
        return recent(RECENT).stream().filter(r -> !r.state().isFinal()).findFirst();
    }

    @Override
    public void close() {
        sfn.close();
        dynamoDb.close();
        synchronized (this) {
            if (cloudWatch != null) {
                cloudWatch.close();
            }
        }
    }
}
