package dev.greenlight.blog.account;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

import dev.greenlight.blog.BlogProperties.Account;

/** The authors who may sign in, fixed at start from configuration. Passwords are only ever held as bcrypt hashes. */
class AccountStore implements UserDetailsService {

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Map<String, Account> accounts = new LinkedHashMap<>();

    /** @throws IllegalArgumentException naming the account whose configuration is wrong */
    AccountStore(List<Account> configured) {
        for (int i = 0; i < configured.size(); i++) {
            Account account = configured.get(i);
            String where = "blog.accounts[" + i + "]";
            if (account.username() == null || !USERNAME.matcher(account.username()).matches()) {
                throw new IllegalArgumentException(where + ".username must be 1-64 letters, digits, '.', '_' or '-'");
            }
            if (account.passwordHash() == null || !BCRYPT.matcher(account.passwordHash()).matches()) {
                throw new IllegalArgumentException(where + ".password-hash for " + account.username()
                        + " must be a bcrypt hash ($2a$, $2b$ or $2y$), not a password");
            }
            if (accounts.putIfAbsent(account.username(), account) != null) {
                throw new IllegalArgumentException(where + ": " + account.username() + " is configured twice");
            }
        }
    }

    boolean isEmpty() {
        return accounts.isEmpty();
    }

    boolean exists(String username) {
        return username != null && accounts.containsKey(username);
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Account account = accounts.get(username);
        if (account == null) {
            throw new UsernameNotFoundException("no such author");
        }
        return User.withUsername(account.username())
                .password(account.passwordHash())
                .authorities(account.admin()
                        ? AuthorityUtils.createAuthorityList(Authors.ROLE_AUTHOR, Authors.ROLE_ADMIN)
                        : AuthorityUtils.createAuthorityList(Authors.ROLE_AUTHOR))
                .build();
    }
}
