package dev.greenlight.localcloud.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Task jars prepared to start the way the blog's container image starts: extracted, with Spring AOT on and the
 * classes a start loads recorded by a training run ({@code tools/fast-start.sh}, the script the Dockerfile runs,
 * carried here as a resource). On Java 25 or later that is an ahead-of-time cache, before that a CDS archive.
 *
 * <p>A jar is prepared once per task JVM, jar content and script, in the background when it is pushed, into
 * {@link #directory}, so the next local cloud on the machine finds it ready. A task whose
 * jar is not ready yet, or cannot be prepared (a jar that is not a Spring Boot jar), starts as a plain
 * {@code java -jar}. Only the {@link #KEPT} most recently prepared jars are kept per JVM.
 */
public final class FastStarts implements AutoCloseable {

    /** Prepared jars kept per task JVM: an AOT cache and the extracted jar take about 110 MB. */
    static final int KEPT = 4;
    private static final Logger LOG = LoggerFactory.getLogger(FastStarts.class);
    private static final String READY = "jvm.options";
    /** tools/fast-start.sh, as the build copied it. */
    private static final byte[] SCRIPT = script();

    /**
     * A prepared jar.
     *
     * @param directory  where the task starts, {@code java <jvmOptions> -jar blog-web.jar}
     * @param jvmOptions the options that use the recorded classes
     */
    public record Prepared(Path directory, List<String> jvmOptions) {
        public Path jar() {
            return directory.resolve("blog-web.jar");
        }
    }

    private final Path root;
    private final TaskJvm jvm;
    private final Path agentJar;
    private final Map<Path, CompletableFuture<Optional<Prepared>>> byJar = new ConcurrentHashMap<>();
    private final ExecutorService preparing = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fast-start");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param root     where prepared jars are kept, shared by the local clouds of the machine
     * @param jvm      the JVM the tasks run on
     * @param agentJar the agent every task loads: the training run loads it too, since a JVM only uses an AOT
     *                 cache trained with the same agents
     */
    public FastStarts(Path root, TaskJvm jvm, Path agentJar) {
        this.root = root.resolve("java-" + jvm.feature());
        this.jvm = jvm;
        this.agentJar = agentJar;
    }

    /** Starts preparing {@code jar} in the background, unless it is prepared or being prepared. */
    public CompletableFuture<Optional<Prepared>> prepare(Path jar) {
        return byJar.computeIfAbsent(jar.toAbsolutePath(), key -> {
            // prepared by an earlier run: ready at once, so the first task after a restart starts fast too
            Optional<Prepared> onDisk = readyOnDisk(key);
            return onDisk.isPresent() ? CompletableFuture.completedFuture(onDisk)
                    : CompletableFuture.supplyAsync(() -> prepareNow(key), preparing);
        });
    }

    /** The prepared jar if it is ready now; otherwise empty, and its preparation starts. */
    public Optional<Prepared> ifReady(Path jar) {
        CompletableFuture<Optional<Prepared>> preparation = prepare(jar);
        if (!preparation.isDone()) {
            return Optional.empty();
        }
        Optional<Prepared> prepared = preparation.join();
        if (prepared.isPresent() && !(Files.isRegularFile(prepared.get().jar())
                && Files.isRegularFile(prepared.get().directory().resolve(READY)))) {
            // pruned by another local cloud of the machine since: prepare it again
            byJar.remove(jar.toAbsolutePath(), preparation);
            prepare(jar);
            return Optional.empty();
        }
        return prepared;
    }

    private Optional<Prepared> readyOnDisk(Path jar) {
        try {
            if (!springBootJar(jar)) {
                return Optional.empty();
            }
            return read(root.resolve(key(jar)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<Prepared> prepareNow(Path jar) {
        try {
            if (!springBootJar(jar)) {
                LOG.debug("{} is not a Spring Boot jar: its tasks start as a plain java -jar", jar);
                return Optional.empty();
            }
            Files.createDirectories(root);
            Path directory = root.resolve(key(jar));
            // one preparation per directory on the machine, even across local clouds
            try (FileChannel lockFile = FileChannel.open(root.resolve(directory.getFileName() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = lockFile.lock()) {
                if (!Files.exists(directory.resolve(READY))) {
                    train(jar, directory);
                    prune();
                }
            }
            return read(directory);
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} cannot be prepared for a fast start, its tasks start as a plain java -jar: {}", jar, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<Prepared> read(Path directory) throws IOException {
        Path options = directory.resolve(READY);
        if (!Files.isRegularFile(options)) {
            return Optional.empty();
        }
        return Optional.of(new Prepared(directory, Files.readAllLines(options).stream().filter(line -> !line.isBlank()).toList()));
    }

    /** A jar Spring Boot's jar mode can extract: its manifest names the application's start class. */
    private static boolean springBootJar(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return manifest != null && manifest.getMainAttributes().getValue("Start-Class") != null;
        }
    }

    private void train(Path jar, Path directory) throws IOException, InterruptedException {
        // the script beside the directory it prepares, written under that directory's lock
        Path script = Files.write(root.resolve(directory.getFileName() + ".sh"), SCRIPT);
        Path log = root.resolve(directory.getFileName() + ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), jar.toString(), directory.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PATH", jvm.home().resolve("bin") + java.io.File.pathSeparator + System.getenv("PATH"));
        builder.environment().put("FAST_START_TRAINING_OPTIONS", "-javaagent:" + agentJar);
        long started = System.nanoTime();
        Process training = builder.start();
        int exit;
        try {
            exit = training.waitFor();
        } catch (InterruptedException e) {
            training.descendants().forEach(ProcessHandle::destroyForcibly);
            training.destroyForcibly();
            throw e;
        }
        if (exit != 0) {
            throw new IOException("the training run failed (exit " + exit + "), see " + log);
        }
        Files.deleteIfExists(log);
        Files.deleteIfExists(script);
        LOG.info("{} prepared for a fast start on Java {} in {} s", jar.getFileName(), jvm.feature(),
                (System.nanoTime() - started) / 1_000_000_000);
    }

    /** Deletes all but the {@link #KEPT} most recently prepared jars. */
    private void prune() throws IOException {
        List<Path> prepared;
        try (Stream<Path> entries = Files.list(root)) {
            prepared = entries.filter(path -> Files.exists(path.resolve(READY)))
                    .sorted(Comparator.comparing(FastStarts::preparedAt).reversed()).toList();
        }
        for (Path old : prepared.subList(Math.min(KEPT, prepared.size()), prepared.size())) {
            deleteTree(old);
        }
    }

    private static long preparedAt(Path directory) {
        try {
            return Files.getLastModifiedTime(directory.resolve(READY)).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> tree = Files.walk(directory)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * Where {@code jar} is prepared for {@code jvm} under {@code root}: named by the SHA-256 of the preparing script
     * and the jar, so a changed script prepares every jar again.
     */
    public static Path directory(Path root, TaskJvm jvm, Path jar) throws IOException {
        return root.resolve("java-" + jvm.feature()).resolve(key(jar));
    }

    private static String key(Path jar) throws IOException {
        try (InputStream in = Files.newInputStream(jar)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(SCRIPT);
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] script() {
        try (InputStream in = FastStarts.class.getResourceAsStream("fast-start.sh")) {
            if (in == null) {
                throw new IllegalStateException("fast-start.sh is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        preparing.shutdownNow();
    }
}
