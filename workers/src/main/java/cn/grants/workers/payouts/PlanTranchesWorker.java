package cn.grants.workers.payouts;

import cn.grants.domain.audit.AuditTrail;
import cn.grants.domain.payouts.DisbursementService;
import cn.grants.domain.payouts.Tranche;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.annotation.Variable;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code plan-tranches}: the case's tranches by the measure's funding mode (one-off, yearly, milestone, matching),
 * planned once and stored; the model pays them in turn. Only the tranches still to pay are answered, so a
 * disbursement re-created after an engine restart goes on with the next tranche (paid ones are never paid again).
 */
@Component
public class PlanTranchesWorker {

    static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final DisbursementService disbursement;

    public PlanTranchesWorker(DisbursementService disbursement) {
        this.disbursement = disbursement;
    }

    @JobWorker(type = "plan-tranches", fetchVariables = "caseId")
    public Map<String, Object> planTranches(ActivatedJob job, @Variable String caseId) {
        List<Map<String, Object>> tranches = AuditTrail.inJob(job.getKey(), job.getType(),
                () -> disbursement.plan(UUID.fromString(caseId))).stream()
                .filter(t -> t.getStatus() == Tranche.Status.PLANNED).map(PlanTranchesWorker::describe).toList();
        return Map.of("tranches", tranches);
    }

    static Map<String, Object> describe(Tranche t) {
        Map<String, Object> m = new HashMap<>();
        m.put("number", t.getNumber());
        m.put("kind", t.getKind().name());
        m.put("amount", t.getAmount().toPlainString());
        m.put("due", t.getDue() == null ? null : t.getDue().atZone(BEIJING).toOffsetDateTime().toString());
        return m;
    }
}
