package cn.grants.domain.engine;

import cn.grants.domain.tasks.InboxTask;
import cn.grants.domain.tasks.InboxTaskRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes engine commands into the outbox, in the transaction of the database change they follow (it must exist:
 * a command without its change, or a change without its command, is exactly what this prevents). The api's
 * {@code EngineCommandRelay} sends them once the transaction committed, and again until the engine takes them.
 */
@Service
public class EngineOutbox {

    private final EngineCommandRepository commands;
    private final InboxTaskRepository tasks;
    private final Clock clock;
    private final String engineEpoch;

    public EngineOutbox(EngineCommandRepository commands, InboxTaskRepository tasks, Clock clock,
            @Value("${grants.zeebe.epoch}") String engineEpoch) {
        this.commands = commands;
        this.tasks = tasks;
        this.clock = clock;
        this.engineEpoch = engineEpoch;
    }

    /** The job of a user task is to be completed with these variables once the task's completion committed. */
    @Transactional(propagation = Propagation.MANDATORY)
    public EngineCommand completeTask(InboxTask task, Map<String, Object> variables) {
        return written(EngineCommand.completeJob(task.getEngineEpoch(), task.getCaseId(), task.getId(),
                task.getJobKey(), variables, clock.instant()));
    }

    /** A message is to be published once the change that causes it committed. */
    @Transactional(propagation = Propagation.MANDATORY)
    public EngineCommand publish(UUID caseId, String name, String correlationKey, String messageId,
            Duration timeToLive, Map<String, Object> variables) {
        return written(EngineCommand.publishMessage(engineEpoch, caseId, name, correlationKey, messageId,
                timeToLive, variables, clock.instant()));
    }

    /** An instance the engine started for a change that did not commit is to be cancelled (its own transaction). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public EngineCommand cancel(long processInstanceKey, String reason) {
        return written(EngineCommand.cancelInstance(engineEpoch, processInstanceKey, reason, clock.instant()));
    }

    /**
     * A command is written with its first attempt already begun (recorded and leased, {@link EngineCommand#begin}):
     * whoever writes one sends it right after the commit (the relay's {@code send(EngineCommand)}), so that attempt
     * needs no transaction of its own, and no other sender takes the command during the lease; if the sender stops
     * before the answer, the scheduled relay sends it again after the lease, as an attempt of unknown outcome. A
     * command of a replaced engine (another epoch) is written without: the relay does not send it.
     */
    private EngineCommand written(EngineCommand command) {
        if (engineEpoch.equals(command.getEngineEpoch())) {
            command.begin(clock.instant(), EngineCommand.ATTEMPT_LEASE);
        }
        return commands.save(command);
    }

    /**
     * The engine did not take a task's completion because its step had already ended (a deadline or a cancellation
     * moved the process on while the user decided): the task is closed as cancelled, with what was decided kept, so
     * the inbox does not present a decision the process never received as taken.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void notTaken(EngineCommand command) {
        if (command.getKind() == EngineCommand.Kind.COMPLETE_JOB && command.getTaskId() != null) {
            tasks.findById(command.getTaskId()).ifPresent(t -> t.cancel(clock.instant()));
        }
    }
}
