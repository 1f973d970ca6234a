package cn.grants.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The development engine answers on the loopback interface and listens on no other. */
class InMemoryEngineTest {

    @Test
    void shouldListenOnTheLoopbackInterfaceOnly() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "the listening sockets are read from /proc/net");
        try (InMemoryEngine engine = InMemoryEngine.start(0)) {
            // given
            int port = Integer.parseInt(engine.gatewayAddress().substring(engine.gatewayAddress().lastIndexOf(':') + 1));

            // when
            List<String> listening = listeningAddresses(port);

            // then: the kernel lists the gateway's socket on 127.0.0.1 (IPv4, or IPv4-mapped on an IPv6 socket) or
            // ::1, never on a wildcard address
            assertThat(listening).isNotEmpty().allMatch(a -> a.equals("0100007F")
                    || a.equals("0000000000000000FFFF00000100007F") || a.equals("00000000000000000000000001000000"));
            try (CamundaClient client = CamundaClient.newClientBuilder()
                    .grpcAddress(URI.create("http://127.0.0.1:" + port))
                    .restAddress(URI.create("http://127.0.0.1:" + FreePorts.find()))
                    .preferRestOverGrpc(false).build()) {
                assertThat(client.newTopologyRequest().send().join().getBrokers()).isNotEmpty();
            }
        }
    }

    /** The local addresses (hex, as /proc/net shows them) of the sockets listening on the port. */
    private static List<String> listeningAddresses(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.isReadable(path)) {
                continue;
            }
            for (String line : Files.readAllLines(path).subList(1, Files.readAllLines(path).size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (local[1].equals(hexPort) && fields[3].equals("0A")) {
                    addresses.add(local[0]);
                }
            }
        }
        return addresses;
    }
}
