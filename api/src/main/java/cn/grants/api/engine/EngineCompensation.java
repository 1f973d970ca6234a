package cn.grants.api.engine;

import cn.grants.domain.engine.EngineOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * For the one engine command that must come before its database change, because the change records the engine's
 * answer (starting a process instance records its key): when the transaction does not commit, the instance is
 * cancelled, through the outbox (so an engine that is unreachable at that moment gets the cancellation later). The
 * engine and the database then agree again: neither knows the round, or both do.
 */
@Component
public class EngineCompensation {

    private static final Logger log = LoggerFactory.getLogger(EngineCompensation.class);

    private final EngineOutbox outbox;
    private final EngineCommandRelay relay;

    public EngineCompensation(EngineOutbox outbox, EngineCommandRelay relay) {
        this.outbox = outbox;
        this.relay = relay;
    }

    /** Call inside the transaction right after the engine started the instance. */
    public void cancelUnlessCommitted(long processInstanceKey, String what) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    log.warn("{} did not commit: cancelling its process instance {}", what, processInstanceKey);
                    relay.send(outbox.cancel(processInstanceKey, what + " did not commit"));
                }
            }
        });
    }
}
