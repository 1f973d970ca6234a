package cn.grants.domain.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import cn.grants.embedded.EmbeddedS3Server;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataIntegrityViolationException;

/** A failed upload leaves nothing behind: when the row cannot be written the stored object is removed. */
class DocumentServiceIntegrationTest {

    @TempDir
    Path dir;

    @Test
    void shouldRemoveTheObjectWhenTheRowCannotBeWritten() {
        // given
        try (EmbeddedS3Server s3 = EmbeddedS3Server.start(dir, 0)) {
            MinioClient client = MinioClient.builder().endpoint(s3.endpoint())
                    .credentials(s3.accessKey(), s3.secretKey()).region("us-east-1").build();
            ObjectStore store = new ObjectStore(client, "docs");
            store.ensureBucket();
            CaseDocumentRepository rows = mock(CaseDocumentRepository.class);
            when(rows.saveAndFlush(any())).thenThrow(new DataIntegrityViolationException("row refused"));
            DocumentService service = new DocumentService(store, rows, Clock.systemUTC());
            UUID caseId = UUID.randomUUID();

            // when
            assertThatThrownBy(() -> service.store(caseId, "STUDY", "a.pdf", "application/pdf",
                    new ByteArrayInputStream(new byte[] {1, 2, 3}), "applicant"))
                    .isInstanceOf(DataIntegrityViolationException.class);

            // then
            assertThat(client.listObjects(ListObjectsArgs.builder().bucket("docs").prefix("cases/" + caseId + "/")
                    .recursive(true).build())).isEmpty();
        }
    }
}
