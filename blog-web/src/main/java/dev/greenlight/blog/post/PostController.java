package dev.greenlight.blog.post;

import java.util.Optional;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** What readers see: the newest-first home page and a post. */
@Controller
class PostController {

    private final PostRepository posts;
    private final Markdown markdown;

    PostController(PostRepository posts, Markdown markdown) {
        this.posts = posts;
        this.markdown = markdown;
    }

    @GetMapping("/")
    String showHome(@RequestParam(required = false) String cursor, Model model) {
        Optional<FeedCursor> after = Optional.ofNullable(cursor).filter(c -> !c.isEmpty()).map(FeedCursor::decode);
        FeedPage page = posts.feed(after);
        model.addAttribute("posts", page.posts());
        model.addAttribute("nextCursor", page.nextCursor().map(FeedCursor::encode).orElse(null));
        model.addAttribute("firstPage", after.isEmpty());
        return "home";
    }

    @GetMapping("/posts/{id}")
    String showPost(@PathVariable String id, Model model) {
        Post post = posts.find(PostIds.requireValid(id)).orElseThrow(() -> new PostNotFoundException(id));
        model.addAttribute("post", post);
        model.addAttribute("html", markdown.toHtml(post.content()));
        return "post";
    }
}
