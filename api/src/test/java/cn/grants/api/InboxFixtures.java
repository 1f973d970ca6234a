package cn.grants.api;

import cn.grants.domain.tasks.InboxTaskRepository;
import java.time.Instant;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/** Inbox rows for tests that record decisions without running a process to them. */
public final class InboxFixtures {

    private InboxFixtures() {
    }

    /** A finance approval task of the case, held in the inbox (an approval records which task it came from). */
    public static UUID financeTask(TransactionTemplate transactions, InboxTaskRepository tasks, UUID caseId) {
        UUID id = UUID.randomUUID();
        transactions.executeWithoutResult(s -> tasks.hold(id, Math.abs(id.getMostSignificantBits()), caseId, 1L,
                "UserTask_FinanceApproval", "拨付审批", "finance", null, "APPROVE,REJECT", Instant.now(), "test", null,
                "{}"));
        return id;
    }
}
