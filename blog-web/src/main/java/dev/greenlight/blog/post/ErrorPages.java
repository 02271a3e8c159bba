package dev.greenlight.blog.post;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.ModelAndView;

/** Turns the blog's own failures into pages that say what happened, never a stack trace. */
@ControllerAdvice
class ErrorPages {

    @ExceptionHandler(BadRequestException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    ModelAndView badRequest(BadRequestException e) {
        return page("error/400", e.getMessage());
    }

    @ExceptionHandler(PostNotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    ModelAndView notFound(PostNotFoundException e) {
        return page("error/404", "There is no such post. It may have been deleted.");
    }

    @ExceptionHandler(PostConflictException.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    ModelAndView conflict(PostConflictException e) {
        return page("error/409", e.getMessage());
    }

    private static ModelAndView page(String view, String message) {
        ModelAndView page = new ModelAndView(view);
        page.addObject("message", message);
        return page;
    }
}
