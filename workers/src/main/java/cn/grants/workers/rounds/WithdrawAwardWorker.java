package cn.grants.workers.rounds;

import cn.grants.domain.budgets.BudgetService;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code withdraw-award}: an objection was upheld; the case's commitment goes back to the budget (the rejection
 * itself is announced by the next notify event, which ends the case).
 */
@Component
public class WithdrawAwardWorker {

    private final BudgetService budgets;

    public WithdrawAwardWorker(BudgetService budgets) {
        this.budgets = budgets;
    }

    @JobWorker(type = "withdraw-award", fetchVariables = "caseId")
    public void withdrawAward(@Variable String caseId) {
        budgets.release(UUID.fromString(caseId));
    }
}
