package cn.grants.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Runs the development engine, PostgreSQL and the S3 store in a JVM of their own, so that several application
 * instances can share them as replicas share a cluster, a database and an object store in production (the
 * two-instance benchmark, {@code bench/run.sh round2}). Argument: the data directory ({@code ./data-shared} by
 * default). Prints the environment an instance needs, one {@code NAME=value} per line among the log lines, then
 * {@code READY}; stops when
 * its standard input closes or on SIGTERM.
 */
public final class SharedServicesLauncher {

    private SharedServicesLauncher() {
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args.length > 0 ? args[0] : "data-shared").toAbsolutePath().normalize();
        InMemoryEngine engine = InMemoryEngine.start(0);
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(data.resolve("pg"));
        EmbeddedS3Server s3 = EmbeddedS3Server.start(data.resolve("s3"), 0);
        EngineStats stats = EngineStats.serve(engine, 0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stats.close();
            s3.close();
            postgres.close();
            engine.close();
        }, "shared-services-shutdown"));
        String gateway = engine.gatewayAddress();
        System.out.println("ZEEBE_GRPC_ADDRESS=http://127.0.0.1" + gateway.substring(gateway.lastIndexOf(':')));
        System.out.println("DB_URL=" + postgres.jdbcUrl());
        System.out.println("DB_USERNAME=postgres");
        System.out.println("DB_PASSWORD=postgres");
        System.out.println("S3_ENDPOINT=" + s3.endpoint());
        System.out.println("S3_ACCESS_KEY=" + s3.accessKey());
        System.out.println("S3_SECRET_KEY=" + s3.secretKey());
        System.out.println("ENGINE_STATS_URL=http://127.0.0.1:" + stats.port() + "/jobs");
        System.out.println("READY");
        System.out.flush();
        InputStream in = System.in;
        while (in.read() >= 0) {
            // the parent keeps the pipe open while it needs the services
        }
        System.exit(0);
    }
}
