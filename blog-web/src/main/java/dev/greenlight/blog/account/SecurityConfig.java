package dev.greenlight.blog.account;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

import dev.greenlight.blog.BlogProperties;
import dev.greenlight.blog.BlogProperties.Account;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Reading is open; writing needs a signed-in author. Nothing is kept in a server session: the sign-in lives
 * in a signed cookie and the CSRF token in a cookie of its own (double submit), so a form rendered by one
 * instance can be posted to another.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfig.class);
    /** The longest address (path and query) remembered across a sign-in: its cookie stays far below header limits. */
    private static final int MAX_RETURN_ADDRESS = 1024;

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SignedCookieSecurityContextRepository cookies,
            SignIns signIns, Refusals refusals) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers(HttpMethod.GET, "/posts/new", "/posts/*/edit").hasRole("AUTHOR")
                        .requestMatchers(HttpMethod.GET, "/**").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/**").permitAll()
                        .anyRequest().hasRole("AUTHOR"))
                .securityContext(context -> context.securityContextRepository(cookies))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.requestCache(returnTo()))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens()).csrfTokenRequestHandler(new MalformedCsrfTokens()))
                .exceptionHandling(errors -> errors.accessDeniedHandler(refusals))
                .formLogin(form -> form.loginPage("/signin").loginProcessingUrl("/signin")
                        .failureHandler(SecurityConfig::signInFailed).permitAll())
                .logout(logout -> logout.logoutUrl("/signout").logoutSuccessUrl("/?signedout")
                        .addLogoutHandler((request, response, signedIn) -> {
                            if (signedIn != null) {
                                signIns.signOut(signedIn.getName());
                            }
                        })
                        .deleteCookies(SignedCookieSecurityContextRepository.COOKIE))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' https:; script-src 'none'; object-src 'none';"
                                + " base-uri 'none'; frame-ancestors 'none'; form-action 'self'")));
        return http.build();
    }

    /** Back to the form, saying whether the password was wrong or the author's attempts are paused, and how long. */
    private static void signInFailed(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException {
        response.sendRedirect(request.getContextPath() + (failure instanceof ThrottledSignIn.TooManyAttempts paused
                ? "/signin?wait=" + paused.retryInSeconds()
                : "/signin?error"));
    }

    /**
     * Where to return after signing in, kept in a cookie (no server session): only for a page read with GET, and
     * only when its address fits in a cookie; a longer one returns to the home page instead.
     */
    private static ReturnAddressCache returnTo() {
        ReturnAddressCache cache = new ReturnAddressCache();
        cache.setRequestMatcher(request -> HttpMethod.GET.matches(request.getMethod())
                && request.getRequestURI().length() + (request.getQueryString() == null ? 0
                : request.getQueryString().length()) <= MAX_RETURN_ADDRESS);
        cache.setCookieCustomizer(cookie -> cookie.setAttribute("SameSite", "Lax"));
        return cache;
    }

    private static CookieCsrfTokenRepository csrfTokens() {
        CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
        tokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        return tokens;
    }

    /** Why a request was refused, on its 403 page; also the error pages' attributes. */
    @Bean
    Refusals refusals() {
        return new Refusals();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    AccountStore accountStore(BlogProperties properties) {
        List<Account> accounts = properties.accounts();
        if (accounts.isEmpty() && properties.local().stateDir() != null) {
            accounts = new LocalDefaults(properties.local().stateDir()).accounts();
        }
        AccountStore store = new AccountStore(accounts);
        if (store.isEmpty()) {
            log.warn("No author accounts are configured (blog.accounts): the blog is read-only");
        }
        return store;
    }

    @Bean
    SignIns signIns(DynamoDbClient dynamoDb, BlogProperties properties, Clock clock) {
        return new SignIns(dynamoDb, properties.dynamodb().signInsTable(), clock);
    }

    /** The only way to sign in, so Spring Security builds its authentication manager from it alone. */
    @Bean
    ThrottledSignIn throttledSignIn(AccountStore accounts, SignIns signIns, PasswordEncoder encoder) {
        return new ThrottledSignIn(accounts, signIns, encoder);
    }

    @Bean
    SignedCookieSecurityContextRepository signedCookieSecurityContextRepository(BlogProperties properties,
            AccountStore accounts, SignIns signIns, Clock clock) {
        String secret = properties.sessionSecret();
        if ((secret == null || secret.isBlank()) && properties.local().stateDir() != null) {
            secret = new LocalDefaults(properties.local().stateDir()).sessionSecret();
        }
        return new SignedCookieSecurityContextRepository(secret, accounts, signIns,
                Duration.ofHours(properties.sessionHours()), clock);
    }
}
