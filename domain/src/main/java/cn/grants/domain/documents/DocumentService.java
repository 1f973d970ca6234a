package cn.grants.domain.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Stores a document: the bytes go to the object store, then the row to the database; if the row cannot be written
 * the object is removed again, so a failed upload leaves neither a row nor an object.
 */
@Service
public class DocumentService {

    private final ObjectStore store;
    private final CaseDocumentRepository documents;
    private final Clock clock;

    public DocumentService(ObjectStore store, CaseDocumentRepository documents, Clock clock) {
        this.store = store;
        this.documents = documents;
        this.clock = clock;
    }

    public CaseDocument store(UUID caseId, String kind, String fileName, String contentType, InputStream content,
            String uploadedBy) {
        UUID id = UUID.randomUUID();
        String key = "cases/" + caseId + "/" + id;
        Path spool = null;
        try {
            // spool once to learn size and digest before anything is written to the store
            spool = Files.createTempFile("upload-", ".bin");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(content, sha)) {
                Files.copy(in, spool, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            long size = Files.size(spool);
            String digest = HexFormat.of().formatHex(sha.digest());
            try (InputStream in = Files.newInputStream(spool)) {
                store.put(key, in, size, contentType);
            }
            try {
                return documents.saveAndFlush(new CaseDocument(id, caseId, kind, fileName, contentType, size, digest,
                        key, uploadedBy, clock.instant()));
            } catch (RuntimeException e) {
                store.delete(key);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the upload", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    public InputStream open(CaseDocument document) {
        return store.get(document.getObjectKey());
    }
}
