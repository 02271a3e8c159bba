package dev.greenlight.localcloud.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void pick_givesAPortNoOutgoingConnectionCanTake_thatATaskCanBind() throws Exception {
        int[] ephemeral = FreePorts.ephemeralRange();

        for (int i = 0; i < 20; i++) {
            int port = FreePorts.pick();
            assertThat(port < ephemeral[0] || port > ephemeral[1])
                    .as("%d outside the ephemeral range %d-%d", port, ephemeral[0], ephemeral[1]).isTrue();
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                assertThat(FreePorts.accepts(port)).isTrue();
            }
        }
    }
}
