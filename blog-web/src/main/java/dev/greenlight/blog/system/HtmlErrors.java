package dev.greenlight.blog.system;

import java.util.List;
import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.autoconfigure.error.AbstractErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every error is answered with a page, whatever the request's Accept header says: the blog is a web site with no
 * JSON API, so a client that asks for JSON (or for nothing in particular) gets the same page a browser does, with
 * the status, the reason a request was refused where there is one, and never an exception's text.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class HtmlErrors extends AbstractErrorController {

    HtmlErrors(ErrorAttributes errorAttributes, List<ErrorViewResolver> resolvers) {
        super(errorAttributes, resolvers);
    }

    @RequestMapping
    ModelAndView error(HttpServletRequest request, HttpServletResponse response) {
        HttpStatus status = getStatus(request);
        Map<String, Object> model = getErrorAttributes(request, ErrorAttributeOptions.defaults());
        response.setStatus(status.value());
        ModelAndView page = resolveErrorView(request, response, status, model);
        return page != null ? page : new ModelAndView("error", model);
    }
}
