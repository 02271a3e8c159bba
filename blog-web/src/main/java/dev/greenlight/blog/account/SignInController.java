package dev.greenlight.blog.account;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; Spring Security handles the POST. */
@Controller
class SignInController {

    @GetMapping("/signin")
    String showSignInForm() {
        return "signin";
    }
}
