package cn.grants.api.embedded;

import cn.grants.domain.cases.CaseStatus;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.tasks.InboxTask;
import cn.grants.domain.tasks.InboxTaskRepository;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The in-memory engine starts empty, while the database keeps its cases: at start, cases that were running and
 * their open tasks are marked INTERRUPTED / CANCELLED so nobody works a task whose job no longer exists.
 */
@Component
public class EngineResetRecovery {

    private static final Logger log = LoggerFactory.getLogger(EngineResetRecovery.class);

    private final GrantCaseRepository cases;
    private final InboxTaskRepository tasks;
    private final boolean embedded;
    private final Clock clock;

    public EngineResetRecovery(GrantCaseRepository cases, InboxTaskRepository tasks,
            @Value("${grants.zeebe.embedded:false}") boolean embedded, Clock clock) {
        this.cases = cases;
        this.tasks = tasks;
        this.embedded = embedded;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void markCasesOfLostEngine() {
        if (!embedded) {
            return;
        }
        var running = cases.findByStatusIn(List.of(CaseStatus.IN_PROGRESS, CaseStatus.RETURNED));
        running.forEach(c -> c.interrupted(clock.instant()));
        tasks.findByStatus(InboxTask.Status.OPEN).forEach(t -> t.cancel(clock.instant()));
        if (!running.isEmpty()) {
            log.warn("{} running cases were interrupted: the in-memory engine does not keep process instances "
                    + "across restarts", running.size());
        }
    }
}
