package cn.grants.domain.documents;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A file uploaded to a case; its bytes live in the object store under {@link #getObjectKey()}. */
@Entity
@Table(name = "case_document")
public class CaseDocument extends cn.grants.domain.persistence.AssignedIdEntity {

    @Id
    private UUID id;
    private UUID caseId;
    private String kind;
    private String fileName;
    private String contentType;
    private long sizeBytes;
    private String sha256;
    private String objectKey;
    private String uploadedBy;
    private Instant uploadedAt;

    protected CaseDocument() {
    }

    public CaseDocument(UUID id, UUID caseId, String kind, String fileName, String contentType, long sizeBytes,
            String sha256, String objectKey, String uploadedBy, Instant uploadedAt) {
        this.id = id;
        this.caseId = caseId;
        this.kind = kind;
        this.fileName = fileName;
        this.contentType = contentType;
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
        this.objectKey = objectKey;
        this.uploadedBy = uploadedBy;
        this.uploadedAt = uploadedAt;
    }

    public UUID getId() {
        return id;
    }

    public UUID getCaseId() {
        return caseId;
    }

    public String getKind() {
        return kind;
    }

    public String getFileName() {
        return fileName;
    }

    public String getContentType() {
        return contentType;
    }

    public long getSizeBytes() {
        return sizeBytes;
    }

    public String getSha256() {
        return sha256;
    }

    public String getObjectKey() {
        return objectKey;
    }

    public String getUploadedBy() {
        return uploadedBy;
    }

    public Instant getUploadedAt() {
        return uploadedAt;
    }
}
