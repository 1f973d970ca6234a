package cn.grants.api.payouts;

import cn.grants.api.problems.ApiException;
import cn.grants.api.problems.RequestNumbers;
import cn.grants.domain.payouts.PaymentFile;
import cn.grants.domain.payouts.Payout;
import cn.grants.domain.payouts.PayoutExportService;
import cn.grants.domain.payouts.PayoutRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Finance's view of the payment instructions: the list (with what was exported) and the export of the approved
 * batch not yet sent to the bank as an ISO 20022 pain.001.001.09 credit transfer file.
 */
@RestController
@RequestMapping("/api/payouts")
@PreAuthorize("hasRole('FINANCE')")
public class PayoutController {

    private final PayoutRepository payouts;
    private final PayoutExportService exports;

    public PayoutController(PayoutRepository payouts, PayoutExportService exports) {
        this.payouts = payouts;
        this.exports = exports;
    }

    public record PayoutLine(UUID id, UUID caseId, int tranche, String amount, String payee, String account,
            String bank, String status, Instant createdAt, String exportMessageId, Instant exportedAt) {
        static PayoutLine of(Payout p) {
            return new PayoutLine(p.getId(), p.getCaseId(), p.getTranche(), p.getAmount().toPlainString(),
                    p.getPayeeName(), p.getPayeeAccount(), p.getPayeeBank(), p.getStatus(), p.getCreatedAt(),
                    p.getExportMessageId(), p.getExportedAt());
        }
    }

    /**
     * The payment instructions, oldest first, in the database's order; {@code page} (from 0) and {@code size}
     * (1–500) give a page (without either, all of them), with the number of instructions in {@code X-Total-Count}.
     */
    @GetMapping
    public ResponseEntity<List<PayoutLine>> list(@RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        org.springframework.data.domain.Sort order = org.springframework.data.domain.Sort.by("createdAt", "id");
        if (page == null && size == null) {
            List<PayoutLine> all = payouts.findAll(order).stream().map(PayoutLine::of).toList();
            return ResponseEntity.ok().header("X-Total-Count", String.valueOf(all.size())).body(all);
        }
        int pageNumber = RequestNumbers.of("page", page, 0, 0, 1_000_000);
        int pageSize = RequestNumbers.of("size", size, 100, 1, RequestNumbers.MAX_PAGE_SIZE);
        org.springframework.data.domain.Page<Payout> found = payouts.findAll(
                org.springframework.data.domain.PageRequest.of(pageNumber, pageSize, order));
        return ResponseEntity.ok().header("X-Total-Count", String.valueOf(found.getTotalElements()))
                .body(found.getContent().stream().map(PayoutLine::of).toList());
    }

    /** A pain.001 file written by an export. */
    public record PaymentFileLine(String messageId, Instant createdAt, String createdBy, int transactions,
            String controlSum, String sha256, String skipped) {
        static PaymentFileLine of(PaymentFile f) {
            return new PaymentFileLine(f.getMessageId(), f.getCreatedAt(), f.getCreatedBy(), f.getTransactions(),
                    f.getControlSum().toPlainString(), f.getSha256(), f.getSkipped());
        }
    }

    /**
     * Exports the instructions waiting for the bank into a new file (each instruction in one file only; a row with a
     * field the format refuses is left out and reported in {@code X-Skipped}); 409 when nothing can be exported.
     */
    @PostMapping("/exports")
    public ResponseEntity<org.springframework.core.io.Resource> export(Authentication user) {
        try {
            PayoutExportService.Export export = exports.export(user.getName());
            return file(export).header("X-Skipped", String.valueOf(export.skipped().size())).body(content(export));
        } catch (PayoutExportService.NothingToExportException e) {
            throw ApiException.conflict(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.conflict("the batch cannot be exported: " + e.getMessage());
        }
    }

    /** The files written so far, newest first. */
    @GetMapping("/exports")
    public List<PaymentFileLine> files() {
        return exports.files().stream().map(PaymentFileLine::of).toList();
    }

    /** A file again, byte for byte as it was written (checked against its SHA-256). */
    @GetMapping("/exports/{messageId}")
    public ResponseEntity<org.springframework.core.io.Resource> download(@PathVariable String messageId) {
        try {
            PayoutExportService.Export export = exports.download(messageId);
            return file(export).body(content(export));
        } catch (java.util.NoSuchElementException e) {
            throw ApiException.notFound("payment file " + messageId);
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    /**
     * The file streamed from object storage to the client (never held in memory whole); the converter closes the
     * stream when it has copied it.
     */
    private org.springframework.core.io.Resource content(PayoutExportService.Export export) {
        return new org.springframework.core.io.InputStreamResource(exports.content(export.file()));
    }

    private static ResponseEntity.BodyBuilder file(PayoutExportService.Export export) {
        PaymentFile f = export.file();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(f.getMessageId() + ".xml").build().toString())
                .header("X-Message-Id", f.getMessageId())
                .header("X-Transactions", String.valueOf(f.getTransactions()))
                .header("X-Control-Sum", f.getControlSum().toPlainString())
                // RFC 9530: the SHA-256 of the file, so that the bank upload can be checked against it
                .header("Repr-Digest", "sha-256=:" + java.util.Base64.getEncoder().encodeToString(
                        java.util.HexFormat.of().parseHex(f.getSha256())) + ":");
    }
}
