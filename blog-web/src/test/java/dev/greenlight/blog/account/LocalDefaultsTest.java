package dev.greenlight.blog.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import dev.greenlight.blog.BlogProperties.Account;

@ExtendWith(OutputCaptureExtension.class)
class LocalDefaultsTest {

    private static final Pattern PRINTED = Pattern.compile("Sign in as 'author' with password '([^']+)'");

    @Test
    void firstStart_createsAnAuthorAndPrintsThePasswordOnce(@TempDir Path state, CapturedOutput output) throws Exception {
        List<Account> first = new LocalDefaults(state).accounts();
        Matcher printed = PRINTED.matcher(output.getAll());
        assertThat(printed.find()).isTrue();
        String password = printed.group(1);

        List<Account> second = new LocalDefaults(state).accounts();

        assertThat(first).isEqualTo(second);
        assertThat(first.get(0).username()).isEqualTo("author");
        assertThat(first.get(0).admin()).isTrue();
        assertThat(new BCryptPasswordEncoder().matches(password, first.get(0).passwordHash())).isTrue();
        assertThat(printed.find()).as("printed a second time").isFalse();
        assertThat(Files.readString(state.resolve("local-author.properties"))).doesNotContain(password);
    }

    @Test
    void sessionSecret_isGeneratedOnceAndShared(@TempDir Path state) {
        String secret = new LocalDefaults(state).sessionSecret();

        assertThat(secret).hasSize(64);
        assertThat(new LocalDefaults(state).sessionSecret()).isEqualTo(secret);
        assertThat(new LocalDefaults(state.resolve("elsewhere")).sessionSecret()).isNotEqualTo(secret);
    }

    @Test
    void configuredAccounts_mustBeBcryptHashes() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new AccountStore(List.of(new Account("alice", "plaintext-password", false))))
                .hasMessageContaining("blog.accounts[0].password-hash for alice must be a bcrypt hash");
    }
}
