package cn.grants.api.documents;

import cn.grants.api.cases.CaseService;
import cn.grants.api.cases.CaseView;
import cn.grants.api.problems.ApiException;
import cn.grants.api.security.Roles;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.documents.CaseDocument;
import cn.grants.domain.documents.CaseDocumentRepository;
import cn.grants.domain.documents.DocumentService;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

/** Uploads go straight to the object store; the row is written only after the object is. */
@RestController
@RequestMapping("/api/cases/{caseId}/documents")
public class DocumentController {

    static final Set<String> ALLOWED_TYPES = Set.of(MediaType.APPLICATION_PDF_VALUE, MediaType.IMAGE_PNG_VALUE,
            MediaType.IMAGE_JPEG_VALUE, MediaType.TEXT_PLAIN_VALUE, "application/zip",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/msword",
            "application/vnd.ms-excel", "application/octet-stream");
    public static final String AUDIT_REPORT = "AUDIT_REPORT";
    static final Pattern KIND = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,49}");

    private final CaseService cases;
    private final DocumentService service;
    private final CaseDocumentRepository documents;

    private final int maxPerCase;
    private final DataSize maxBytesPerCase;

    public DocumentController(CaseService cases, DocumentService service, CaseDocumentRepository documents,
            @Value("${grants.documents.max-per-case:50}") int maxPerCase,
            @Value("${grants.documents.max-bytes-per-case:200MB}") DataSize maxBytesPerCase) {
        this.maxPerCase = maxPerCase;
        this.maxBytesPerCase = maxBytesPerCase;
        this.cases = cases;
        this.service = service;
        this.documents = documents;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<CaseView.DocumentView> upload(@PathVariable UUID caseId,
            @RequestParam(value = "file", required = false) MultipartFile file,
            @RequestParam(value = "kind", required = false) String kind, Authentication user) throws IOException {
        GrantCase grantCase = cases.visible(caseId, user);
        Set<String> roles = Roles.roles(user);
        if (roles.contains(Roles.APPLICANT) && !Roles.isStaff(user)
                && !grantCase.getCurrentStage().applicantAddsDocuments()) {
            throw ApiException.conflict("documents can be added while the case is a draft, returned for correction, "
                    + "or waiting for milestone or matching-funds evidence");
        }
        if (AUDIT_REPORT.equals(kind) && !roles.contains(Roles.AUDITOR)) {
            throw ApiException.forbidden("only an auditor files the audit report (kind " + AUDIT_REPORT + ")");
        }
        if (!roles.contains(Roles.OFFICER) && !roles.contains(Roles.APPLICANT)) {
            if (!roles.contains(Roles.AUDITOR) || !AUDIT_REPORT.equals(kind)) {
                throw ApiException.forbidden("an auditor uploads the audit report (kind " + AUDIT_REPORT + ") only");
            }
        }
        long held = documents.countByCaseId(caseId);
        if (held >= maxPerCase) {
            throw ApiException.conflict("case " + caseId + " holds " + held + " documents, the most a case may hold ("
                    + "grants.documents.max-per-case)");
        }
        if (documents.totalBytesOfCase(caseId) + file.getSize() > maxBytesPerCase.toBytes()) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "file", "the documents of case " + caseId
                    + " would exceed " + maxBytesPerCase.toMegabytes() + " MB (grants.documents.max-bytes-per-case)");
        }
        if (file == null || file.isEmpty()) {
            throw ApiException.badRequest("file", "file is required and must not be empty");
        }
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw ApiException.badRequest("kind", "kind is required: letters, digits, '_' or '-', at most 50");
        }
        String contentType = file.getContentType() == null ? "application/octet-stream"
                : MediaType.parseMediaType(file.getContentType()).getType() + "/"
                        + MediaType.parseMediaType(file.getContentType()).getSubtype();
        if (!ALLOWED_TYPES.contains(contentType)) {
            throw ApiException.badRequest("file", "file type " + contentType + " is not accepted; use one of "
                    + ALLOWED_TYPES);
        }
        byte[] head;
        try (InputStream in = file.getInputStream()) {
            head = in.readNBytes(8192);
        }
        if (!ContentSignature.matches(contentType, head)) {
            throw ApiException.badRequest("file", "the file's content is not " + contentType
                    + " (its first bytes do not match the declared type)");
        }
        String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "upload"
                : file.getOriginalFilename();
        if (name.length() > 255) {
            throw ApiException.badRequest("file", "file name is longer than 255 characters");
        }
        CaseDocument stored;
        try (InputStream in = file.getInputStream()) {
            stored = service.store(caseId, kind, name, contentType, in, user.getName());
        }
        return ResponseEntity.created(URI.create("/api/cases/" + caseId + "/documents/" + stored.getId()))
                .body(CaseView.DocumentView.of(stored));
    }

    @GetMapping("/{docId}")
    public ResponseEntity<InputStreamResource> download(@PathVariable UUID caseId, @PathVariable UUID docId,
            Authentication user) {
        cases.visible(caseId, user);
        CaseDocument document = documents.findByIdAndCaseId(docId, caseId)
                .orElseThrow(() -> ApiException.notFound("document " + docId));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(document.getContentType()))
                .contentLength(document.getSizeBytes())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(document.getFileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-SHA256", document.getSha256())
                .body(new InputStreamResource(service.open(document)));
    }
}
