package dev.greenlight.localcloud.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Starts {@code java -jar} child processes that cannot outlive the local cloud, on the {@link TaskJvm} and, once
 * their jar is prepared by {@link FastStarts}, the way the container image starts.
 *
 * <p>Three layers make sure of it: every child loads {@link OrphanGuard}, which exits the child
 * when its stdin closes (the kernel closes it when this JVM dies, even on SIGKILL); a shutdown
 * hook stops the children still running on a normal exit; and {@link #close()} stops them when
 * the local cloud is closed.
 */
public final class ChildProcesses implements AutoCloseable {

    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final Path workDir;
    private final Path agentJar;
    private final TaskJvm jvm;
    private final FastStarts fastStarts;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook = new Thread(this::stopAll, "local-cloud-children");

    /** Children on this JVM, each a plain {@code java -jar}. */
    public ChildProcesses(Path workDir) {
        this(workDir, new TaskJvm(Path.of(System.getProperty("java.home")), Runtime.version().feature()), null);
    }

    /**
     * Children on {@code jvm}, each started from its jar prepared under {@code fastStartRoot} once it is ready
     * ({@link #prepare}), or as a plain {@code java -jar} when {@code fastStartRoot} is null.
     */
    public ChildProcesses(Path workDir, TaskJvm jvm, Path fastStartRoot) {
        this.workDir = workDir;
        this.jvm = jvm;
        try {
            Files.createDirectories(workDir);
            Path agentDir = fastStartRoot == null ? workDir : Files.createDirectories(fastStartRoot);
            // at a path shared by the local clouds of the machine: an AOT cache records the agent it was trained with
            this.agentJar = writeAgentJar(agentDir.resolve("orphan-guard.jar"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + workDir, e);
        }
        this.fastStarts = fastStartRoot == null ? null : new FastStarts(fastStartRoot, jvm, agentJar);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts preparing {@code jar} for a fast start in the background; done at once without fast starts. */
    public CompletableFuture<Optional<FastStarts.Prepared>> prepare(Path jar) {
        return fastStarts == null ? CompletableFuture.completedFuture(Optional.empty()) : fastStarts.prepare(jar);
    }

    /**
     * Starts {@code java -jar jar} with the given heap, environment and log file: from its prepared directory
     * with the recorded classes if it is ready, otherwise as it is. The child's stdin stays open until the
     * child ends: closing it is the orphan signal.
     */
    public Process startJar(Path jar, int heapMiB, Map<String, String> environment, Path logFile) {
        Optional<FastStarts.Prepared> prepared = fastStarts == null ? Optional.empty() : fastStarts.ifReady(jar);
        List<String> command = new ArrayList<>();
        command.add(jvm.java().toString());
        command.add("-javaagent:" + agentJar);
        command.add("-Xmx" + heapMiB + "m");
        prepared.ifPresent(fast -> command.addAll(fast.jvmOptions()));
        command.add("-jar");
        command.add(prepared.map(FastStarts.Prepared::jar).orElse(jar).toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                // a prepared jar starts where it was trained: the recorded classes name its class path
                .directory(prepared.map(FastStarts.Prepared::directory).orElse(workDir).toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // A task sees only its task definition's environment, as on Fargate, plus what the JVM needs to run.
        Map<String, String> inherited = builder.environment();
        inherited.keySet().retainAll(List.of("PATH", "HOME", "LANG", "TMPDIR", "TZ"));
        inherited.putAll(environment);
        try {
            Process process = builder.start();
            running.add(process);
            process.onExit().thenRun(() -> running.remove(process));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
    }

    /** The children still running, for diagnostics and tests. */
    public Set<Process> running() {
        return Set.copyOf(running);
    }

    @Override
    public void close() {
        if (fastStarts != null) {
            fastStarts.close();
        }
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run; nothing left to unregister.
        }
    }

    private void stopAll() {
        List<Process> children = List.copyOf(running);
        children.forEach(Process::destroy);
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        for (Process child : children) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !child.waitFor(left, TimeUnit.NANOSECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                child.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        for (Process child : children) {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * Writes the agent jar unless the same bytes are there already (an AOT cache checks that the class path it
     * was trained with is unchanged), through a temporary file, so a reader never sees half of it.
     */
    private static Path writeAgentJar(Path target) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), OrphanGuard.class.getName());
        String entry = OrphanGuard.class.getName().replace('.', '/') + ".class";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream classBytes = OrphanGuard.class.getClassLoader().getResourceAsStream(entry);
             JarOutputStream jar = new JarOutputStream(bytes)) {
            if (classBytes == null) {
                throw new IOException("class file not found: " + entry);
            }
            // entries dated 0, so every write has the same bytes
            JarEntry manifestEntry = new JarEntry(JarFile.MANIFEST_NAME);
            manifestEntry.setTime(0);
            jar.putNextEntry(manifestEntry);
            manifest.write(jar);
            jar.closeEntry();
            JarEntry classEntry = new JarEntry(entry);
            classEntry.setTime(0);
            jar.putNextEntry(classEntry);
            classBytes.transferTo(jar);
            jar.closeEntry();
        }
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes.toByteArray())) {
            return target;
        }
        Path staged = Files.createTempFile(target.getParent(), "orphan-guard-", ".tmp");
        Files.write(staged, bytes.toByteArray());
        Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }
}
