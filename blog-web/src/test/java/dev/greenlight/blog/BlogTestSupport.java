package dev.greenlight.blog;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;

import dev.greenlight.blog.account.SignInTable;
import dev.greenlight.blog.post.PostTable;
import dev.greenlight.dynalite.Dynalite;

/**
 * What every blog test shares: this JVM's dynalite, and three accounts. alice and bob are authors; root is
 * an admin. Their passwords are their names reversed.
 */
public final class BlogTestSupport {

    public static final String TABLE = "BlogPosts";
    public static final String FEED_INDEX = "feed";
    public static final String SIGN_INS_TABLE = "BlogSignIns";
    public static final String SESSION_SECRET = HexFormat.of().formatHex("greenlight-test-session-secret-32bytes".getBytes());

    private static final BCryptPasswordEncoder FAST_BCRYPT = new BCryptPasswordEncoder(4);
    private static final String[] NAMES = {"alice", "bob", "root"};
    /** Hashed once: every instance is configured with the same hash, as every task is on AWS. */
    private static final Map<String, String> HASHES = new LinkedHashMap<>();

    static {
        System.setProperty("aws.accessKeyId", Dynalite.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", Dynalite.SECRET_KEY);
    }

    private BlogTestSupport() {
    }

    public static Dynalite dynalite() {
        return Dynalite.shared();
    }

    /** Empties the posts and the sign-ins tables. */
    public static void resetTables() {
        dynalite().recreate(PostTable.createRequest(TABLE, FEED_INDEX));
        dynalite().recreate(SignInTable.createRequest(SIGN_INS_TABLE));
    }

    public static synchronized String passwordHash(String username) {
        return HASHES.computeIfAbsent(username, name -> FAST_BCRYPT.encode(password(name)));
    }

    public static String password(String username) {
        return new StringBuilder(username).reverse().toString();
    }

    /** The properties of one blog instance on this JVM's dynalite. */
    public static Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("blog.dynamodb.endpoint", dynalite().endpoint().toString());
        properties.put("blog.dynamodb.region", Dynalite.REGION.id());
        properties.put("blog.dynamodb.posts-table", TABLE);
        properties.put("blog.dynamodb.feed-index", FEED_INDEX);
        properties.put("blog.dynamodb.sign-ins-table", SIGN_INS_TABLE);
        properties.put("blog.session-secret", SESSION_SECRET);
        properties.put("blog.version", "v-test");
        for (int i = 0; i < NAMES.length; i++) {
            properties.put("blog.accounts[" + i + "].username", NAMES[i]);
            properties.put("blog.accounts[" + i + "].password-hash", passwordHash(NAMES[i]));
            properties.put("blog.accounts[" + i + "].admin", NAMES[i].equals("root"));
        }
        return properties;
    }

    public static void register(DynamicPropertyRegistry registry) {
        properties().forEach((name, value) -> registry.add(name, () -> value));
    }
}
