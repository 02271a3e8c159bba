package dev.greenlight.localcloud.process;

import java.io.IOException;
import java.io.InputStream;

/**
 * A Java agent loaded into every task process. The local cloud keeps the task's stdin open for
 * the task's whole life; when it closes (the local cloud stopped, crashed or was SIGKILLed), the
 * task shuts down as if it had received SIGTERM, and is halted if that takes too long.
 *
 * <p>Self-contained on purpose: the local cloud copies only this class into the agent jar.
 */
public final class OrphanGuard {

    /** How long an orphaned task may spend in its shutdown hooks before it is halted. */
    static final long HALT_AFTER_MILLIS = 10_000;

    private OrphanGuard() {
    }

    public static void premain(String args) {
        Thread watcher = new Thread(OrphanGuard::exitWhenParentGoes, "orphan-guard");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void exitWhenParentGoes() {
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // The parent never writes; anything read is ignored.
            }
        } catch (IOException closed) {
            // A broken pipe means the same as end of stream: the parent is gone.
        }
        Thread halter = new Thread(OrphanGuard::haltLater, "orphan-guard-halt");
        halter.setDaemon(true);
        halter.start();
        System.exit(143);
    }

    private static void haltLater() {
        try {
            Thread.sleep(HALT_AFTER_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(137);
    }
}
