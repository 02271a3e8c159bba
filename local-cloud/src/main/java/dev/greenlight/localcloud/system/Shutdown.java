package dev.greenlight.localcloud.system;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the local system has started, to be stopped in the reverse order: at the end, or as soon as a later part
 * fails to start, so that a start that fails half-way leaves nothing running.
 */
final class Shutdown implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

    private final List<AutoCloseable> started = new ArrayList<>();

    /** Records a part that has just started; it stops before everything started earlier. */
    <T extends AutoCloseable> T add(T part) {
        started.add(part);
        return part;
    }

    /** Stops everything, the last started first; one that cannot stop is logged and the others still stop. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.warn("could not stop {}: {}", started.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        started.clear();
    }
}
