package dev.greenlight.blog.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.htmlunit.BrowserVersion;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;

import dev.greenlight.blog.BlogTestSupport;

/** A headless browser (HtmlUnit, JavaScript on) with the steps a reader or author takes. */
final class Browser implements AutoCloseable {

    final WebClient client = new WebClient(BrowserVersion.CHROME);
    final List<String> alerts = new ArrayList<>();

    Browser() {
        client.getOptions().setThrowExceptionOnFailingStatusCode(false);
        client.getOptions().setThrowExceptionOnScriptError(false);
        client.getOptions().setCssEnabled(false);
        client.getOptions().setJavaScriptEnabled(true);
        client.setAlertHandler((page, message) -> alerts.add(message));
    }

    HtmlPage open(String url) throws IOException {
        Page page = client.getPage(url);
        return (HtmlPage) page;
    }

    Page fetch(String url) throws IOException {
        return client.getPage(url);
    }

    HtmlPage signIn(String baseUrl, String username) throws IOException {
        HtmlPage page = open(baseUrl + "/signin");
        HtmlForm form = page.getHtmlElementById("signin-form");
        form.getInputByName("username").type(username);
        form.getInputByName("password").type(BlogTestSupport.password(username));
        return submit(form);
    }

    HtmlPage createPost(String baseUrl, String title, String content) throws IOException {
        HtmlPage page = open(baseUrl + "/posts/new");
        return fillAndSubmit(page, title, content);
    }

    static HtmlPage fillAndSubmit(HtmlPage formPage, String title, String content) throws IOException {
        HtmlForm form = formPage.getHtmlElementById("post-form");
        form.getInputByName("title").setValue(title);
        form.getTextAreaByName("content").setText(content);
        return submit(form);
    }

    static HtmlPage submit(HtmlForm form) throws IOException {
        return form.getFirstByXPath(".//button[@type='submit']") instanceof org.htmlunit.html.HtmlButton button
                ? button.click()
                : null;
    }

    @Override
    public void close() {
        client.close();
    }
}
