package dev.greenlight.operator;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the project version the build wrote into greenlight.properties. */
final class ProjectVersion implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        try (InputStream in = ProjectVersion.class.getResourceAsStream("greenlight.properties")) {
            if (in == null) {
                return new String[] {"greenlight, version unknown: greenlight.properties is missing from the class"
                        + " path; rebuild with ./mvnw -pl operator -am package -DskipTests"};
            }
            Properties properties = new Properties();
            properties.load(in);
            return new String[] {"greenlight " + properties.getProperty("version")};
        }
    }
}
