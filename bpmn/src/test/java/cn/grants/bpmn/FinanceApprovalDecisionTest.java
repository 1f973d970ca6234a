package cn.grants.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.EvaluateDecisionResponse;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every row of finance-approval.dmn, evaluated by the engine as the API evaluates it when a finance officer approves
 * a tranche (level FIRST) or gives the second approval (SECOND).
 */
@ZeebeProcessTest
class FinanceApprovalDecisionTest {

    private ZeebeClient client;

    @BeforeEach
    void deploy() {
        client.newDeployResourceCommand().addResourceFromClasspath("bpmn/finance-approval.dmn").send().join();
    }

    @SuppressWarnings("unchecked")
    private void assertRouting(String level, String approver, String amount, int row, String ruleId, boolean may,
            String limit, boolean second) throws Exception {
        EvaluateDecisionResponse evaluated = client.newEvaluateDecisionCommand().decisionId("finance-approval")
                .variables(Map.of("level", level, "approver", approver, "amount", new BigDecimal(amount))).send().join();
        assertThat(evaluated.getEvaluatedDecisions().get(0).getMatchedRules()).extracting(r -> r.getRuleIndex(),
                r -> r.getRuleId()).as("%s %s %s", level, approver, amount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(row, ruleId));
        Map<String, Object> out = new ObjectMapper().readValue(evaluated.getDecisionOutput(), Map.class);
        assertThat(out.get("mayApprove")).isEqualTo(may);
        assertThat(new BigDecimal(out.get("approvalLimit").toString())).isEqualByComparingTo(limit);
        assertThat(out.get("secondApprovalRequired")).isEqualTo(second);
    }

    @Test
    void shouldLetFinanceApproveUpToTenMillionAlone() throws Exception {
        assertRouting("FIRST", "finance", "10000000.00", 1, "Rule_FinanceFirstWithinLimit", true, "10000000", false);
    }

    @Test
    void shouldAskASecondApproverAboveFinancesLimit() throws Exception {
        assertRouting("FIRST", "finance", "10000000.01", 2, "Rule_FinanceFirstAboveLimit", true, "10000000", true);
    }

    @Test
    void shouldLetFinance2ApproveUpToOneHundredMillionAlone() throws Exception {
        assertRouting("FIRST", "finance2", "100000000.00", 3, "Rule_Finance2FirstWithinLimit", true, "100000000", false);
    }

    @Test
    void shouldAskASecondApproverAboveFinance2sLimit() throws Exception {
        assertRouting("FIRST", "finance2", "100000000.01", 4, "Rule_Finance2FirstAboveLimit", true, "100000000", true);
    }

    @Test
    void shouldLetFinanceGiveTheSecondApprovalWithinItsLimit() throws Exception {
        assertRouting("SECOND", "finance", "5000000.00", 5, "Rule_FinanceSecond", true, "10000000", false);
    }

    @Test
    void shouldLetFinance2GiveTheSecondApprovalWithinItsLimit() throws Exception {
        assertRouting("SECOND", "finance2", "50000000.00", 6, "Rule_Finance2Second", true, "100000000", false);
    }

    @Test
    void shouldLetAnyOtherFinanceOfficerApproveFirstOnlyWithASecondApprover() throws Exception {
        assertRouting("FIRST", "finance3", "1.00", 7, "Rule_OtherFirst", true, "0", true);
    }

    @Test
    void shouldRefuseASecondApprovalAboveTheApproversLimit() throws Exception {
        assertRouting("SECOND", "finance", "10000000.01", 8, "Rule_NoAuthority", false, "0", true);
    }
}
