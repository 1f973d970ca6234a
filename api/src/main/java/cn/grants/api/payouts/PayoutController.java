package cn.grants.api.payouts;

import cn.grants.api.problems.ApiException;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
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

    @GetMapping
    public List<PayoutLine> list() {
        return payouts.findAll().stream().sorted((a, b) -> a.getCreatedAt().compareTo(b.getCreatedAt()))
                .map(PayoutLine::of).toList();
    }

    /** Exports every instruction not yet exported; 409 when there is none. */
    @PostMapping("/exports")
    public ResponseEntity<byte[]> export() {
        PayoutExportService.Export export;
        try {
            export = exports.exportPending();
        } catch (IllegalArgumentException e) {
            throw ApiException.conflict("the batch cannot be exported: " + e.getMessage());
        }
        if (export == null) {
            throw ApiException.conflict("no approved payout is waiting for export");
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(export.messageId() + ".xml").build().toString())
                .header("X-Message-Id", export.messageId())
                .header("X-Transactions", String.valueOf(export.count()))
                .body(export.xml());
    }
}
