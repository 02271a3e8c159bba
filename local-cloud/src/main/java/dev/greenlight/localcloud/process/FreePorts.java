package dev.greenlight.localcloud.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback ports: finding a free one for a task, and checking whether a task listens yet. */
public final class FreePorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int FIRST_CANDIDATE = 10_000;

    private FreePorts() {
    }

    /**
     * A loopback port free now and outside the range the kernel hands out to outgoing connections, so that no
     * client connection (a load generator's, the balancer's to its targets) can take it before its process binds.
     */
    public static int pick() {
        int[] ephemeral = ephemeralRange();
        int from = ephemeral[0] > FIRST_CANDIDATE + 1_000 ? FIRST_CANDIDATE : ephemeral[1] + 1;
        int to = ephemeral[0] > FIRST_CANDIDATE + 1_000 ? ephemeral[0] - 1 : 65_535;
        for (int attempt = 0; attempt < 100 && from < to; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(from, to + 1);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** The kernel's range of ports for outgoing connections; Linux's default where it cannot be read. */
    static int[] ephemeralRange() {
        try {
            String[] bounds = Files.readString(EPHEMERAL_RANGE).strip().split("\\s+");
            return new int[] {Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])};
        } catch (IOException | RuntimeException unreadable) {
            return new int[] {32_768, 60_999};
        }
    }

    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
