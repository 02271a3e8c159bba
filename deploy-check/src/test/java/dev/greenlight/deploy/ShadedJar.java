package dev.greenlight.deploy;

import java.nio.file.Path;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The release functions' shaded jar, named from release-lambdas' POM: artifactId-version-classifier.jar. */
final class ShadedJar {

    private ShadedJar() {
    }

    static String fileName() {
        Document pom = Pom.read(Repo.path("release-lambdas/pom.xml"));
        String artifactId = Pom.child(pom.getDocumentElement(), "artifactId");
        String version = Pom.child((Element) pom.getDocumentElement().getElementsByTagName("parent").item(0), "version");
        NodeList classifiers = pom.getElementsByTagName("shadedClassifierName");
        if (classifiers.getLength() != 1) {
            throw new AssertionError("release-lambdas/pom.xml has no single shadedClassifierName");
        }
        return artifactId + "-" + version + "-" + classifiers.item(0).getTextContent().trim() + ".jar";
    }

    /** Reading POMs without Maven. */
    static final class Pom {
        private Pom() {
        }

        static Document read(Path file) {
            try {
                return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
            } catch (Exception e) {
                throw new IllegalStateException("cannot read " + file, e);
            }
        }

        /** The text of a direct child element. */
        static String child(Element parent, String name) {
            NodeList children = parent.getChildNodes();
            for (int i = 0; i < children.getLength(); i++) {
                if (children.item(i) instanceof Element e && e.getTagName().equals(name)) {
                    return e.getTextContent().trim();
                }
            }
            throw new AssertionError("no <" + name + "> in <" + parent.getTagName() + ">");
        }
    }
}
