package cn.grants.domain.documents;

import static org.assertj.core.api.Assertions.assertThat;

import cn.grants.embedded.EmbeddedS3Server;
import io.minio.MinioClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectStoreIntegrationTest {

    @TempDir
    static Path dir;
    static EmbeddedS3Server server;
    static ObjectStore store;

    @BeforeAll
    static void start() {
        server = EmbeddedS3Server.start(dir.resolve("s3"), 0);
        store = new ObjectStore(MinioClient.builder().endpoint(server.endpoint())
                .credentials(server.accessKey(), server.secretKey()).region("us-east-1").build(), "test-bucket");
        store.ensureBucket();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void shouldStoreReadAndDeleteAnObjectThroughTheMinioClient() throws Exception {
        // given
        byte[] content = "形式审查材料 / formal check".getBytes(StandardCharsets.UTF_8);

        // when
        store.put("cases/1/doc", new ByteArrayInputStream(content), content.length, "text/plain");

        // then
        try (var in = store.get("cases/1/doc")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(dir.resolve("s3").resolve("test-bucket")).isDirectory();
        store.delete("cases/1/doc");
        assertThat(store.exists("cases/1/doc")).isFalse();
        assertThat(store.reachable()).isTrue();
    }
}
