package dev.greenlight.release.gate;

/**
 * A count of requests of one target group over a window, and how many of them were events: answered with a 5xx,
 * or slower than a latency threshold.
 *
 * @param events   the requests that were events
 * @param requests all requests counted
 */
public record Tally(long events, long requests) {

    public static final Tally NONE = new Tally(0, 0);

    public Tally {
        if (requests < 0 || events < 0 || events > requests) {
            throw new IllegalArgumentException("a tally needs 0 <= events <= requests, not " + events + "/" + requests);
        }
    }

    /** events / requests; 0 without requests. */
    public double rate() {
        return requests == 0 ? 0 : (double) events / requests;
    }

    @Override
    public String toString() {
        return events + "/" + requests;
    }
}
