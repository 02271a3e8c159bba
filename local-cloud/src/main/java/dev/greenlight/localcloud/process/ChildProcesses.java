package dev.greenlight.localcloud.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Starts {@code java -jar} child processes that cannot outlive the local cloud.
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
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook = new Thread(this::stopAll, "local-cloud-children");

    public ChildProcesses(Path workDir) {
        this.workDir = workDir;
        try {
            Files.createDirectories(workDir);
            this.agentJar = writeAgentJar(workDir.resolve("orphan-guard.jar"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + workDir, e);
        }
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code java -jar jar} with the given heap, environment and log file.
     * The child's stdin stays open until the child ends: closing it is the orphan signal.
     */
    public Process startJar(Path jar, int heapMiB, Map<String, String> environment, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-javaagent:" + agentJar);
        command.add("-Xmx" + heapMiB + "m");
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
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

    private static Path writeAgentJar(Path target) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), OrphanGuard.class.getName());
        String entry = OrphanGuard.class.getName().replace('.', '/') + ".class";
        try (InputStream classBytes = OrphanGuard.class.getClassLoader().getResourceAsStream(entry);
             OutputStream file = Files.newOutputStream(target);
             JarOutputStream jar = new JarOutputStream(file, manifest)) {
            if (classBytes == null) {
                throw new IOException("class file not found: " + entry);
            }
            jar.putNextEntry(new JarEntry(entry));
            classBytes.transferTo(jar);
            jar.closeEntry();
        }
        return target;
    }
}
