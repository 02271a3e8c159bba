package dev.greenlight.blog.post;

import java.time.Clock;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import dev.greenlight.blog.account.Authors;

/** What authors do: create, edit and delete posts, each a Post/Redirect/Get flow. */
@Controller
class PostFormController {

    private static final String FORM = "post-form";

    private final PostRepository posts;
    private final Clock clock;

    PostFormController(PostRepository posts, Clock clock) {
        this.posts = posts;
        this.clock = clock;
    }

    @GetMapping("/posts/new")
    String showCreateForm(Model model) {
        model.addAttribute("form", PostForm.empty());
        return FORM;
    }

    @PostMapping("/posts")
    String createPost(@Validated @ModelAttribute("form") PostForm form, BindingResult errors, Authentication user) {
        if (errors.hasErrors()) {
            return FORM;
        }
        Post post = posts.create(user.getName(), form.title().strip(), form.content(), clock.instant());
        return "redirect:/posts/" + post.id() + "?created";
    }

    @GetMapping("/posts/{id}/edit")
    String showEditForm(@PathVariable String id, Authentication user, Model model) {
        Post post = modifiablePost(id, user);
        model.addAttribute("post", post);
        model.addAttribute("form", PostForm.of(post));
        return FORM;
    }

    @PostMapping("/posts/{id}/edit")
    String updatePost(@PathVariable String id, @Validated @ModelAttribute("form") PostForm form, BindingResult errors,
            Authentication user, Model model) {
        Post post = modifiablePost(id, user);
        if (errors.hasErrors()) {
            model.addAttribute("post", post);
            return FORM;
        }
        posts.update(post, form.title().strip(), form.content());
        return "redirect:/posts/" + post.id() + "?updated";
    }

    @PostMapping("/posts/{id}/delete")
    String deletePost(@PathVariable String id, Authentication user) {
        posts.delete(modifiablePost(id, user));
        return "redirect:/?deleted";
    }

    private Post modifiablePost(String id, Authentication user) {
        Post post = posts.find(PostIds.requireValid(id)).orElseThrow(() -> new PostNotFoundException(id));
        if (!Authors.mayModify(user, post.author())) {
            throw new AccessDeniedException(user.getName() + " may not change a post by " + post.author());
        }
        return post;
    }
}
