package dev.greenlight.blog.account;

import java.time.Duration;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The sign-in form's check: an attempt for an author is counted (and may be refused for now) before the password
 * is compared, and a good password clears the count. Names that are no author's are not counted, so guessing
 * them stores nothing; their passwords are compared all the same, so both take the same time.
 */
final class ThrottledSignIn implements AuthenticationProvider {

    private final AccountStore accounts;
    private final SignIns signIns;
    private final DaoAuthenticationProvider passwords;

    ThrottledSignIn(AccountStore accounts, SignIns signIns, PasswordEncoder encoder) {
        this.accounts = accounts;
        this.signIns = signIns;
        this.passwords = new DaoAuthenticationProvider(accounts);
        this.passwords.setPasswordEncoder(encoder);
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String name = attempt.getName();
        boolean author = accounts.exists(name);
        if (author) {
            signIns.claimAttempt(name).ifPresent(wait -> {
                throw new TooManyAttempts(wait);
            });
        }
        Authentication signedIn = passwords.authenticate(attempt);
        if (author) {
            signIns.succeeded(name);
        }
        return signedIn;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** The author's attempts are paused: no password is checked until {@code retryIn} has passed. */
    static final class TooManyAttempts extends LockedException {

        private final Duration retryIn;

        TooManyAttempts(Duration retryIn) {
            super("too many failed sign-ins");
            this.retryIn = retryIn;
        }

        /** Whole seconds to wait, rounded up, at least one. */
        long retryInSeconds() {
            return Math.max(1, (retryIn.toMillis() + 999) / 1000);
        }
    }
}
