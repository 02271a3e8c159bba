package dev.greenlight.localcloud.system;

import java.net.URI;

import dev.greenlight.release.store.ReleaseLock;
import dev.greenlight.release.store.ReleaseQueue;
import dev.greenlight.release.store.ReleaseRecords;
import dev.greenlight.release.store.ReleasesTable;
import dev.greenlight.statemachine.LocalAws;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/**
 * The Releases table in dynalite, which the release functions write and start-up recovery reads: created on the
 * first start and kept, with the rest of dynalite's data, after it.
 */
final class ReleasesStore {

    static final String TABLE = "Releases";

    private final DynamoDbClient client;

    private ReleasesStore(DynamoDbClient client) {
        this.client = client;
    }

    /** Connects to dynalite and creates the table unless an earlier run did. */
    static ReleasesStore open(URI dynalite, Shutdown shutdown) {
        DynamoDbClient client = shutdown.add(DynamoDbClient.builder().endpointOverride(dynalite)
                .region(Region.of(LocalAws.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build());
        try {
            client.createTable(ReleasesTable.createRequest(TABLE));
        } catch (ResourceInUseException exists) {
            // kept from the last run
        }
        client.waiter().waitUntilTableExists(b -> b.tableName(TABLE));
        return new ReleasesStore(client);
    }

    /** The client of dynalite, shared with the release functions. */
    DynamoDbClient client() {
        return client;
    }

    /** What start-up does with the service's releases that the last run left unfinished. */
    StartupRecovery recovery(String service) {
        return new StartupRecovery(new ReleaseRecords(client, TABLE), new ReleaseLock(client, TABLE),
                new ReleaseQueue(client, TABLE), service);
    }
}
