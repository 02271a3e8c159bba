package dev.greenlight.blog;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Everything the blog reads from its environment, bound from {@code blog.*} (for example
 * {@code BLOG_VERSION}, {@code BLOG_DYNAMODB_POSTS_TABLE}, {@code BLOG_ACCOUNTS_0_USERNAME}).
 *
 * @param version        the image tag this process runs; sent in every response and shown in the footer
 * @param baseUrl        the blog's public address, which the feed's links and id start with: never taken from a
 *                       request's headers, which any client can set
 * @param dynamodb       where the posts and the authors' sign-in state live
 * @param sessionSecret  key that signs the sign-in cookie; every instance of a release must share it
 * @param sessionHours   how long a sign-in lasts
 * @param accounts       the authors who may sign in, with bcrypt password hashes
 * @param local          local-only defaults, generated at first start; unused on AWS
 * @param faults         rehearsal faults, all off unless set in the environment
 */
@ConfigurationProperties("blog")
public record BlogProperties(
        @DefaultValue("dev") String version,
        @DefaultValue("http://localhost:8080") URI baseUrl,
        @DefaultValue Dynamodb dynamodb,
        String sessionSecret,
        @DefaultValue("12") int sessionHours,
        List<Account> accounts,
        @DefaultValue Local local,
        @DefaultValue Faults faults) {

    public BlogProperties {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        if (!baseUrl.isAbsolute() || !List.of("http", "https").contains(baseUrl.getScheme()) || baseUrl.getHost() == null
                || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("blog.base-url (BLOG_BASE_URL) must be an http or https address without"
                    + " a query, such as https://blog.example.com, but was " + baseUrl);
        }
    }

    /**
     * @param endpoint     endpoint override (dynalite locally); empty means the AWS endpoint of the region
     * @param region       AWS region; empty means the SDK's default region chain
     * @param postsTable   the posts table, keyed by post_id and author
     * @param feedIndex    the GSI that orders posts newest first
     * @param signInsTable each author's sign-out epoch and failed sign-ins, keyed by author
     * @param createTables create the tables at start (local only; on AWS Terraform owns them)
     */
    public record Dynamodb(
            URI endpoint,
            String region,
            @DefaultValue("BlogPosts") String postsTable,
            @DefaultValue("feed") String feedIndex,
            @DefaultValue("BlogSignIns") String signInsTable,
            @DefaultValue("false") boolean createTables) {
    }

    /**
     * An author who may sign in.
     *
     * @param username     the name shown on posts
     * @param passwordHash a bcrypt hash ($2a$, $2b$ or $2y$)
     * @param admin        may edit and delete every post, not only their own
     */
    public record Account(String username, String passwordHash, boolean admin) {
    }

    /**
     * Local defaults, created on first start when nothing is configured.
     *
     * @param stateDir where the generated author and session secret are kept (.greenlight/ locally)
     */
    public record Local(Path stateDir) {
    }

    /**
     * Faults for rehearsing a release: a bad version is made by setting these on it.
     *
     * @param errorRate     fraction (0 to 1) of page requests answered with 500
     * @param latencyMs     milliseconds added to every page request
     * @param readinessDown readiness always reports DOWN, so the version never becomes healthy
     */
    public record Faults(
            @DefaultValue("0") double errorRate,
            @DefaultValue("0") long latencyMs,
            @DefaultValue("false") boolean readinessDown) {

        public boolean any() {
            return errorRate > 0 || latencyMs > 0 || readinessDown;
        }
    }
}
