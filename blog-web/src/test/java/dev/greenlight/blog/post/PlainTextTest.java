package dev.greenlight.blog.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class PlainTextTest {

    @Test
    void controlCharacters_areForbidden_butLineBreaksAndTabsOnlyWhereAllowed() {
        assertThat(PlainText.firstForbidden("Fish & chips", false)).isEqualTo(-1);
        assertThat(PlainText.firstForbidden("Fish\u0001chips", false)).isEqualTo(0x1);
        assertThat(PlainText.firstForbidden("Fish\u007Fchips", false)).isEqualTo(0x7F);
        assertThat(PlainText.firstForbidden("Fish\u0085chips", false)).as("C1 control").isEqualTo(0x85);
        assertThat(PlainText.firstForbidden("two\nlines\tand a tab\r\n", false)).isEqualTo('\n');
        assertThat(PlainText.firstForbidden("two\nlines\tand a tab\r\n", true)).isEqualTo(-1);
        assertThat(PlainText.firstForbidden("bell\u0007", true)).isEqualTo(0x7);
        assertThat(PlainText.firstForbidden("\uFFFE", true)).as("not an XML character").isEqualTo(0xFFFE);
        assertThat(PlainText.firstForbidden("half a pair \uD83D", true)).as("unpaired surrogate").isEqualTo(0xD83D);
        assertThat(PlainText.firstForbidden("a whole pair \uD83D\uDE00", false)).isEqualTo(-1);
    }

    @Test
    void invisibleCharactersAlone_showNothing() {
        assertThat(PlainText.hasVisible("")).isFalse();
        assertThat(PlainText.hasVisible(" \t\n")).isFalse();
        assertThat(PlainText.hasVisible("\u00A0\u2007\u202F")).as("no-break spaces").isFalse();
        assertThat(PlainText.hasVisible("\u200B\u200D\uFEFF\u2060")).as("zero-width and BOM").isFalse();
        assertThat(PlainText.hasVisible("\u0001\u0002")).as("control characters").isFalse();
        assertThat(PlainText.hasVisible("\u200Bx")).isTrue();
        assertThat(PlainText.hasVisible("\uD83D\uDE00")).as("an emoji").isTrue();
        assertThat(PlainText.hasVisible("中")).isTrue();
    }

    @Test
    void theFeed_staysWellFormed_withAPostStoredBeforeTheRules() throws Exception {
        Post old = new Post("p1", "alice", "Bad\u0001title\uFFFF", "body", "an\u0008excerpt\uD800",
                Instant.parse("2026-11-01T10:00:00Z"));

        String feed = AtomFeedController.write("http://127.0.0.1:8080", List.of(old));

        Document xml = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(feed)));
        assertThat(xml.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "title").item(1).getTextContent())
                .isEqualTo("Badtitle");
        assertThat(xml.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "summary").item(0).getTextContent())
                .isEqualTo("anexcerpt");
    }
}
