package dev.greenlight.localcloud.system;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@code ./greenlight up} runs the local system.
 *
 * @param stateDir         everything that survives a restart: ECR images, task logs, the generated author
 * @param blogPort         the ALB listener readers use
 * @param testPort         the test listener (smoke tests reach green through it); 0 for a free port
 * @param dynamoDbEndpoint dynalite
 * @param firstJar         the blog jar to release when nothing was ever released here
 * @param firstTag         the tag it is pushed under
 */
public record SystemConfig(Path stateDir, int blogPort, int testPort, URI dynamoDbEndpoint, Path firstJar,
        String firstTag) {

    static final String USAGE = "usage: LocalSystem --state DIR --dynamodb-endpoint URL --first-jar JAR"
            + " --first-tag TAG [--port PORT] [--test-port PORT]";

    /** Parses the daemon's flags; every problem is reported at once. */
    public static SystemConfig parse(String[] args) {
        Path state = null;
        URI dynamo = null;
        Path jar = null;
        String tag = null;
        int port = 8080;
        int testPort = 0;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                problems.add(flag + " needs a value");
                break;
            }
            String value = args[++i];
            switch (flag) {
                case "--state" -> state = Path.of(value).toAbsolutePath();
                case "--dynamodb-endpoint" -> dynamo = URI.create(value);
                case "--first-jar" -> jar = Path.of(value).toAbsolutePath();
                case "--first-tag" -> tag = value;
                case "--port" -> port = port(value, "--port", problems);
                case "--test-port" -> testPort = port(value, "--test-port", problems);
                default -> problems.add("unknown flag " + flag);
            }
        }
        if (state == null || dynamo == null || jar == null || tag == null) {
            problems.add("--state, --dynamodb-endpoint, --first-jar and --first-tag are required");
        }
        if (jar != null && !Files.isRegularFile(jar)) {
            problems.add("--first-jar " + jar + " is not a file");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems) + "\n" + USAGE);
        }
        return new SystemConfig(state, port, testPort, dynamo, jar, tag);
    }

    private static int port(String value, String flag, List<String> problems) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(flag + " must be a port number, not '" + value + "'");
        return 0;
    }
}
