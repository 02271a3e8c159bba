package dev.greenlight.blog.account;

import org.springframework.security.core.Authentication;

/** Who may change a post: its author, or an admin. */
public final class Authors {

    public static final String ROLE_AUTHOR = "ROLE_AUTHOR";
    public static final String ROLE_ADMIN = "ROLE_ADMIN";

    private Authors() {
    }

    public static boolean mayModify(Authentication user, String postAuthor) {
        return user != null && (user.getName().equals(postAuthor) || isAdmin(user));
    }

    public static boolean isAdmin(Authentication user) {
        return user != null && user.getAuthorities().stream().anyMatch(a -> ROLE_ADMIN.equals(a.getAuthority()));
    }
}
