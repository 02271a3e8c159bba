package dev.greenlight.blog.account;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.http.ResponseCookie;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Keeps the sign-in in a cookie signed with HMAC-SHA256 instead of a server session, so any instance that
 * shares the key (blue or green, old or new version) accepts it. The cookie holds the username, the author's
 * sign-out epoch when it was issued and its expiry; its signature also covers the author's password hash. It is
 * honoured while it has not expired, the account still exists with the same password, and the epoch is still
 * the author's (see {@link SignIns}): removing the account, changing its password or signing out ends it.
 */
class SignedCookieSecurityContextRepository implements SecurityContextRepository {

    static final String COOKIE = "GL_SESSION";

    private final SecretKeySpec key;
    private final UserDetailsService accounts;
    private final SignIns signIns;
    private final Duration lifetime;
    private final Clock clock;

    SignedCookieSecurityContextRepository(String secret, UserDetailsService accounts, SignIns signIns,
            Duration lifetime, Clock clock) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("blog.session-secret (BLOG_SESSION_SECRET) must be set to at least"
                    + " 32 characters, the same on every instance");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.accounts = accounts;
        this.signIns = signIns;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        return new DeferredSecurityContext() {
            private SecurityContext context;

            @Override
            public SecurityContext get() {
                if (context == null) {
                    context = SecurityContextHolder.createEmptyContext();
                    signedInUser(request).ifPresent(context::setAuthentication);
                }
                return context;
            }

            @Override
            public boolean isGenerated() {
                return get().getAuthentication() == null;
            }
        };
    }

    @Override
    @SuppressWarnings("deprecation")
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        return loadDeferredContext(holder.getRequest()).get();
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        Authentication authentication = context.getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            if (containsContext(request)) {
                writeCookie(request, response, "", Duration.ZERO);
            }
            return;
        }
        String name = authentication.getName();
        Optional<UserDetails> account = currentAccount(name);
        if (account.isEmpty()) {
            return;
        }
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        String payload = encode(name + "\n" + signIns.epoch(name) + "\n" + expires);
        writeCookie(request, response, payload + "." + sign(payload, account.get().getPassword()), lifetime);
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return cookie(request).isPresent();
    }

    private Optional<Authentication> signedInUser(HttpServletRequest request) {
        return cookie(request).flatMap(this::verified)
                .map(user -> UsernamePasswordAuthenticationToken.authenticated(user.getUsername(), null,
                        user.getAuthorities()));
    }

    /** The account a cookie signs in, checked from the cheapest test to the one that reads DynamoDB. */
    private Optional<UserDetails> verified(String value) {
        int dot = value.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String payload = value.substring(0, dot);
        String[] fields = decode(payload).split("\n", -1);
        if (fields.length != 3 || !isNumber(fields[1]) || !isNumber(fields[2])
                || Long.parseLong(fields[2]) < clock.instant().getEpochSecond()) {
            return Optional.empty();
        }
        return currentAccount(fields[0])
                .filter(account -> MessageDigest.isEqual(sign(payload, account.getPassword()).getBytes(StandardCharsets.US_ASCII),
                        value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII)))
                .filter(account -> signIns.epoch(account.getUsername()) == Long.parseLong(fields[1]));
    }

    private static boolean isNumber(String field) {
        return !field.isEmpty() && field.length() <= 18 && field.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private Optional<UserDetails> currentAccount(String username) {
        try {
            return Optional.of(accounts.loadUserByUsername(username));
        } catch (UsernameNotFoundException removed) {
            return Optional.empty();
        }
    }

    private static Optional<String> cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    private static void writeCookie(HttpServletRequest request, HttpServletResponse response, String value,
            Duration maxAge) {
        ResponseCookie cookie = ResponseCookie.from(COOKIE, value)
                .path("/")
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .maxAge(maxAge)
                .build();
        response.addHeader("Set-Cookie", cookie.toString());
    }

    private String sign(String payload, String passwordHash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(payload.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '\n');
            byte[] signature = mac.doFinal(passwordHash.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String payload) {
        try {
            return new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
