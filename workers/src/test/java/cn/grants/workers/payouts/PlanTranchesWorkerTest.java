package cn.grants.workers.payouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import cn.grants.domain.payouts.DisbursementService;
import cn.grants.domain.payouts.Tranche;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** plan-tranches answers the tranches still to pay: a re-created disbursement never pays a tranche twice. */
class PlanTranchesWorkerTest {

    static final String CASE = "00000000-0000-0000-0000-000000000001";

    static Tranche tranche(int number, Tranche.Status status) {
        Tranche t = mock(Tranche.class);
        when(t.getNumber()).thenReturn(number);
        when(t.getKind()).thenReturn(Tranche.Kind.YEARLY);
        when(t.getAmount()).thenReturn(new BigDecimal("15000000.00"));
        when(t.getStatus()).thenReturn(status);
        return t;
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldAnswerOnlyTheTranchesNotYetPaid() {
        // given a plan whose first tranche was paid before the engine restarted
        List<Tranche> plan = List.of(tranche(1, Tranche.Status.PAID), tranche(2, Tranche.Status.PLANNED),
                tranche(3, Tranche.Status.PLANNED));
        DisbursementService disbursement = mock(DisbursementService.class);
        when(disbursement.plan(UUID.fromString(CASE))).thenReturn(plan);

        // when
        io.camunda.client.api.response.ActivatedJob job = mock(io.camunda.client.api.response.ActivatedJob.class);
        when(job.getKey()).thenReturn(7L);
        when(job.getType()).thenReturn("plan-tranches");
        Map<String, Object> out = new PlanTranchesWorker(disbursement).planTranches(job, CASE);

        // then
        assertThat((List<Map<String, Object>>) out.get("tranches")).extracting(t -> t.get("number"))
                .containsExactly(2, 3);
    }
}
