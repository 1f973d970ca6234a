package cn.grants.api.audit;

import cn.grants.domain.audit.AuditEntry;
import cn.grants.domain.audit.AuditRepository;

import java.util.List;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log, read-only, for officers and process owners (no API writes or edits it). */
@RestController
@PreAuthorize("hasAnyRole('OFFICER', 'PROCESS_OWNER')")
public class AuditController {

    private final AuditRepository log;

    public AuditController(AuditRepository log) {
        this.log = log;
    }

    @GetMapping("/api/audit")
    public List<AuditEntry> recent(@RequestParam(defaultValue = "200") int limit) {
        return log.findByOrderByIdDesc(PageRequest.of(0, Math.max(1, Math.min(limit, 1000))));
    }
}
