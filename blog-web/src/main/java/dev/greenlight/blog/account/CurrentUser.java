package dev.greenlight.blog.account;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the signed-in author's name (or null) on every page's model, for the header and the edit buttons. */
@ControllerAdvice
class CurrentUser {

    @ModelAttribute("currentUser")
    String currentUser(Authentication authentication) {
        return signedIn(authentication) ? authentication.getName() : null;
    }

    @ModelAttribute("currentUserIsAdmin")
    boolean currentUserIsAdmin(Authentication authentication) {
        return signedIn(authentication) && Authors.isAdmin(authentication);
    }

    private static boolean signedIn(Authentication authentication) {
        return authentication != null && !(authentication instanceof AnonymousAuthenticationToken);
    }
}
