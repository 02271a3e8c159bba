package dev.greenlight.blog.account;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page; Spring Security handles the POST. */
@Controller
class SignInController {

    @GetMapping("/signin")
    String showSignInForm(@RequestParam(name = "wait", required = false) String wait, Model model) {
        model.addAttribute("waitSeconds", seconds(wait));
        return "signin";
    }

    /** The pause the failure handler put in the address, if it is one it could have put there. */
    private static Long seconds(String wait) {
        if (wait == null || wait.isEmpty() || wait.length() > 4 || !wait.chars().allMatch(Character::isDigit)) {
            return null;
        }
        long seconds = Long.parseLong(wait);
        return seconds >= 1 && seconds <= SignIns.LONGEST_WAIT.toSeconds() ? seconds : null;
    }
}
