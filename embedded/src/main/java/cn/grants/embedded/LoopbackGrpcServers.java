package cn.grants.embedded;

import io.grpc.ServerBuilder;
import io.grpc.ServerProvider;
import io.grpc.ServerRegistry;
import io.grpc.netty.NettyServerBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Makes every gRPC server this JVM builds with {@code ServerBuilder.forPort} listen on the loopback interface only.
 * The in-memory engine builds its gateway with {@code ServerBuilder.forPort(port)}, which would listen on all
 * interfaces without authentication; registered ahead of it, this provider (priority above Netty's own) gives it a
 * server bound to 127.0.0.1, so the development engine is reachable from this machine only.
 */
final class LoopbackGrpcServers extends ServerProvider {

    private static boolean registered;

    private LoopbackGrpcServers() {
    }

    /** Registers the provider with gRPC's default registry, once per JVM. */
    static synchronized void register() {
        if (!registered) {
            ServerRegistry.getDefaultRegistry().register(new LoopbackGrpcServers());
            registered = true;
        }
    }

    @Override
    protected boolean isAvailable() {
        return true;
    }

    @Override
    protected int priority() {
        // Netty's provider has priority 5; the highest available provider builds the server
        return 9;
    }

    @Override
    protected ServerBuilder<?> builderForPort(int port) {
        return NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }
}
