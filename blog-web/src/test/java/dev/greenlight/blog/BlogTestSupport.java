package dev.greenlight.blog;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;

import dev.greenlight.blog.post.PostTable;
import dev.greenlight.dynalite.Dynalite;

/**
 * What every blog test shares: this JVM's dynalite, and three accounts. alice and bob are authors; root is
 * an admin. Their passwords are their names reversed.
 */
public final class BlogTestSupport {

    public static final String TABLE = "BlogPosts";
    public static final String FEED_INDEX = "feed";
    public static final String SESSION_SECRET = HexFormat.of().formatHex("greenlight-test-session-secret-32bytes".getBytes());

    private static final BCryptPasswordEncoder FAST_BCRYPT = new BCryptPasswordEncoder(4);

    static {
        System.setProperty("aws.accessKeyId", Dynalite.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", Dynalite.SECRET_KEY);
    }

    private BlogTestSupport() {
    }

    public static Dynalite dynalite() {
        return Dynalite.shared();
    }

    /** Empties the posts table. */
    public static void resetPosts() {
        dynalite().recreate(PostTable.createRequest(TABLE, FEED_INDEX));
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
        properties.put("blog.session-secret", SESSION_SECRET);
        properties.put("blog.version", "v-test");
        String[] names = {"alice", "bob", "root"};
        for (int i = 0; i < names.length; i++) {
            properties.put("blog.accounts[" + i + "].username", names[i]);
            properties.put("blog.accounts[" + i + "].password-hash", FAST_BCRYPT.encode(password(names[i])));
            properties.put("blog.accounts[" + i + "].admin", names[i].equals("root"));
        }
        return properties;
    }

    public static void register(DynamicPropertyRegistry registry) {
        properties().forEach((name, value) -> registry.add(name, () -> value));
    }
}
