package dev.greenlight.blog.post;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.greenlight.blog.BlogProperties;

/** An Atom feed of the latest page of posts; its links start with the configured base URL, whoever asks. */
@RestController
class AtomFeedController {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final MediaType ATOM_XML = MediaType.parseMediaType("application/atom+xml;charset=UTF-8");

    private final PostRepository posts;
    private final String base;

    AtomFeedController(PostRepository posts, BlogProperties properties) {
        this.posts = posts;
        this.base = properties.baseUrl().toString().replaceAll("/+$", "");
    }

    @GetMapping("/feed.atom")
    ResponseEntity<String> showFeed() throws XMLStreamException {
        List<Post> latest = posts.feed(Optional.empty()).posts();
        return ResponseEntity.ok().contentType(ATOM_XML).body(write(base, latest));
    }

    static String write(String base, List<Post> latest) throws XMLStreamException {
        StringWriter out = new StringWriter();
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("feed");
        xml.writeDefaultNamespace(ATOM);
        element(xml, "title", "Greenlight blog");
        element(xml, "id", base + "/");
        link(xml, "alternate", base + "/");
        link(xml, "self", base + "/feed.atom");
        Instant updated = latest.isEmpty() ? Instant.EPOCH : latest.get(0).timestamp();
        element(xml, "updated", Timestamps.format(updated));
        for (Post post : latest) {
            String url = base + "/posts/" + post.id();
            xml.writeStartElement("entry");
            element(xml, "title", post.title());
            element(xml, "id", url);
            link(xml, "alternate", url);
            element(xml, "updated", Timestamps.format(post.timestamp()));
            xml.writeStartElement("author");
            element(xml, "name", post.author());
            xml.writeEndElement();
            element(xml, "summary", post.excerpt());
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndDocument();
        xml.close();
        return out.toString();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(PlainText.xmlSafe(text));
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
    }
}
