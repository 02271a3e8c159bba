package dev.greenlight.blog.account;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import dev.greenlight.blog.BlogProperties.Account;

/**
 * Local-only defaults, generated on first start under the state directory and reused afterwards, so that
 * every local instance (blue and green alike) shares them: the session signing key and a default author.
 * The author's password is printed once, when it is created, and only its bcrypt hash is stored.
 */
final class LocalDefaults {

    static final String AUTHOR = "author";
    private static final Logger log = LoggerFactory.getLogger(LocalDefaults.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path stateDir;

    LocalDefaults(Path stateDir) {
        this.stateDir = stateDir;
    }

    String sessionSecret() {
        return readOrCreate(stateDir.resolve("session-secret"), () -> HexFormat.of().formatHex(randomBytes(32))).strip();
    }

    List<Account> accounts() {
        Path file = stateDir.resolve("local-author.properties");
        String stored = readOrCreate(file, () -> {
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(12));
            String hash = new BCryptPasswordEncoder().encode(password);
            log.info("Created the local author. Sign in as '{}' with password '{}' (shown only this once;"
                    + " delete {} to make a new one)", AUTHOR, password, file);
            return "username=" + AUTHOR + "\npassword-hash=" + hash + "\nadmin=true\n";
        });
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(stored));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of(new Account(properties.getProperty("username"), properties.getProperty("password-hash"),
                Boolean.parseBoolean(properties.getProperty("admin", "false"))));
    }

    private static String readOrCreate(Path file, Supplier<String> content) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                String fresh = content.get();
                try {
                    Files.writeString(file, fresh, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                    return fresh;
                } catch (FileAlreadyExistsException createdMeanwhile) {
                    // another local instance created it first: use theirs
                }
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
