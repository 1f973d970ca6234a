package cn.grants.api.engine;

import cn.grants.domain.engine.EngineCommand;
import cn.grants.domain.engine.EngineCommandRepository;
import cn.grants.domain.engine.EngineOutbox;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands the outbox's engine commands to the engine after the transaction that wrote them committed: at once, in
 * the thread of the request that caused them ({@link #send(UUID)}), and again every few seconds for those the engine
 * did not take ({@link #sendDue()}), with a growing pause. An attempt is recorded and leased in a transaction of its
 * own before the command leaves (so two application instances never send it at once, and a crash during the send
 * is known afterwards as an attempt of unknown outcome), and the engine's answer is recorded in another.
 *
 * <p>What the engine answers decides the command's state: taken → APPLIED; the job or instance no longer exists →
 * GONE (or APPLIED when an earlier attempt of unknown outcome took it); a duplicate message id → APPLIED (an earlier
 * attempt was taken); anything else → retried. Commands of a replaced engine (another epoch) are not sent: the
 * engine-restart recovery resumes their cases from the database.
 *
 * <p>A completed task's request waits for the engine's answer at most {@code grants.engine.task-answer-wait}: the
 * decision is recorded and the command's attempt leased before it leaves, so when the engine is slower than that the
 * request answers "recorded, not handed over yet" (202) and a hand-over thread records the answer when it comes. At
 * most {@code grants.engine.background-answers} answers are awaited that way; beyond them a request waits for its
 * own answer, so the engine never falls further behind the requests than that many commands. A submission (and any
 * other command) waits for its answer: in the intake the engine is the bottleneck, and answering early there only
 * lengthened the queue the next submissions wait in (docs/performance.md, "What limits" 16).
 */
@Component
public class EngineCommandRelay {

    private static final Logger log = LoggerFactory.getLogger(EngineCommandRelay.class);
    private static final int BATCH = 50;

    private final EngineCommandRepository commands;
    private final EngineOutbox outbox;
    private final EngineCommandSender sender;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String engineEpoch;
    private final Duration answerWait;
    private final ThreadPoolExecutor handOvers;
    private final Timer answeredInTime;
    private final Timer answeredLate;

    public EngineCommandRelay(EngineCommandRepository commands, EngineOutbox outbox, EngineCommandSender sender,
            PlatformTransactionManager transactions, Clock clock, @Value("${grants.zeebe.epoch}") String engineEpoch,
            @Value("${grants.engine.task-answer-wait:PT0.12S}") Duration answerWait,
            @Value("${grants.engine.background-answers:16}") int backgroundAnswers, MeterRegistry meters) {
        this.commands = commands;
        this.outbox = outbox;
        this.sender = sender;
        // always transactions of its own: it runs after the caller's transaction ended (even from its completion)
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.engineEpoch = engineEpoch;
        this.answerWait = answerWait;
        AtomicInteger threads = new AtomicInteger();
        // no queue: a command is handed over at once by an idle thread, or by the request itself when none is idle
        this.handOvers = new ThreadPoolExecutor(0, Math.max(1, backgroundAnswers), 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "engine-hand-over-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.answeredInTime = answerTimer(meters, "in-request");
        this.answeredLate = answerTimer(meters, "after-request");
    }

    /**
     * How long the engine took to answer a completed task's command, by whether the request still waited for it; its max
     * and percentiles cover the last 30 minutes.
     */
    private static Timer answerTimer(MeterRegistry meters, String answered) {
        return Timer.builder("grants.engine.answer").description("time from a completed task's command leaving to the "
                + "engine's answer being recorded").tag("answered", answered).publishPercentiles(0.5, 0.95, 0.99)
                .distributionStatisticExpiry(Duration.ofMinutes(30)).register(meters);
    }

    /** Answers still awaited when the application stops are recorded if they come within a few seconds. */
    @PreDestroy
    void stop() throws InterruptedException {
        handOvers.shutdown();
        handOvers.awaitTermination(5, TimeUnit.SECONDS);
    }

    /**
     * Sends a command the caller's transaction wrote (through {@code EngineOutbox}), right after that transaction
     * committed, and tells what became of it (as {@link #send(UUID)}). Its first attempt was recorded and leased in
     * that transaction, so it leaves at once: no transaction of its own before it (one commit fewer per submission
     * and per completed task), and no other sender takes it during the lease. A task's completion waits for the
     * answer at most {@code grants.engine.task-answer-wait} (PENDING after it; the answer is recorded when it comes).
     */
    public EngineCommand.Status send(EngineCommand written) {
        if (written.isInFlight() && written.getAttempts() == 1 && engineEpoch.equals(written.getEngineEpoch())) {
            return written.getKind() == EngineCommand.Kind.COMPLETE_JOB ? answerWithin(written) : finish(written);
        }
        return send(written.getId());
    }

    /**
     * Hands the command over on a hand-over thread and waits for the answer at most {@code answerWait}; when no
     * hand-over thread is free, in this thread, to the answer.
     */
    private EngineCommand.Status answerWithin(EngineCommand command) {
        if (answerWait.isNegative() || answerWait.isZero()) {
            return finish(command);
        }
        long start = System.nanoTime();
        Future<EngineCommand.Status> answer;
        try {
            answer = handOvers.submit(() -> {
                try {
                    EngineCommand.Status status = finish(command);
                    long took = System.nanoTime() - start;
                    (took > answerWait.toNanos() ? answeredLate : answeredInTime).record(took, TimeUnit.NANOSECONDS);
                    return status;
                } catch (RuntimeException e) {
                    // the answer could not be recorded: the attempt stays of unknown outcome, sent again after its lease
                    log.warn("engine command {} ({}): the answer was not recorded: {}", command.getId(),
                            command.getKind(), e.toString());
                    throw e;
                }
            });
        } catch (RejectedExecutionException e) {
            // every hand-over thread awaits an answer: this request waits for its own (the engine is behind)
            EngineCommand.Status status = finish(command);
            answeredInTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return status;
        }
        try {
            return answer.get(answerWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return EngineCommand.Status.PENDING; // recorded, leased, in flight: its hand-over thread records the answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EngineCommand.Status.PENDING;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Sends one command now (call it after the transaction that wrote it committed) and tells what became of it;
     * PENDING when the engine did not take it yet (it will be sent again) or another instance is sending it.
     */
    public EngineCommand.Status send(UUID id) {
        Claimed claimed = tx.execute(status -> commands.claim(id).map(c -> new Claimed(c, begin(c))).orElse(null));
        if (claimed == null || (!claimed.begun() && claimed.command().isInFlight())) {
            // another sender holds the row (the scheduled relay claimed it between the commit and this attempt), or
            // its attempt is under way: its answer is the outcome
            return outcomeOfAttemptInFlight(id);
        }
        return claimed.begun() ? finish(claimed.command()) : claimed.command().getStatus();
    }

    /** A command this sender locked, and whether it began an attempt (it was due, of this engine, retryable). */
    private record Claimed(EngineCommand command, boolean begun) {
    }

    /** How long a request waits for the answer to an attempt another sender (the scheduled relay) is making. */
    private static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(5);

    /**
     * The command's state when another sender holds it: the scheduled relay may claim a command between the commit
     * that wrote it and the request's own attempt; the request then waits a little for that attempt's answer rather
     * than telling the user "not yet" (202) for a command the engine is taking at that moment.
     */
    private EngineCommand.Status outcomeOfAttemptInFlight(UUID id) {
        long deadline = System.nanoTime() + IN_FLIGHT_WAIT.toNanos();
        boolean seenInFlight = false;
        while (true) {
            Optional<EngineCommand> command = commands.findById(id);
            // until the other sender's claim commits, the command still looks pending and not in flight: wait for
            // its attempt to show, then for its answer (an attempt that failed leaves it pending, not in flight)
            boolean waiting = command.isPresent() && command.get().getStatus() == EngineCommand.Status.PENDING
                    && (command.get().isInFlight() || !seenInFlight);
            seenInFlight |= command.isPresent() && command.get().isInFlight();
            if (!waiting || System.nanoTime() > deadline) {
                return command.map(EngineCommand::getStatus).orElse(EngineCommand.Status.PENDING);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return EngineCommand.Status.PENDING;
            }
        }
    }

    /** Sends every due command, batch by batch, until none is left. */
    @Scheduled(fixedDelayString = "${grants.engine-outbox.interval:PT2S}",
            initialDelayString = "${grants.engine-outbox.interval:PT2S}")
    public void sendDue() {
        while (true) {
            List<EngineCommand> started = tx.execute(status -> commands.claimDue(clock.instant(), BATCH).stream()
                    .filter(this::begin).toList());
            if (started == null || started.isEmpty()) {
                return;
            }
            started.forEach(this::finish);
        }
    }

    /** In the claiming transaction: the attempt is recorded (and leased) before the command leaves. */
    private boolean begin(EngineCommand command) {
        Instant now = clock.instant();
        if (!engineEpoch.equals(command.getEngineEpoch())) {
            command.staleEpoch(engineEpoch, now);
            return false;
        }
        return command.begin(now, EngineCommand.ATTEMPT_LEASE);
    }

    /** Sends, outside any transaction, then records the engine's answer. */
    private EngineCommand.Status finish(EngineCommand command) {
        RuntimeException failure = null;
        try {
            sender.send(command);
        } catch (RuntimeException e) {
            failure = e;
        }
        RuntimeException answer = failure;
        Instant since = command.getInFlightSince();
        if (answer == null && since != null) {
            // taken: recorded in one update of the attempt this sender began, unless another attempt replaced it
            Integer recorded = tx.execute(status -> commands.appliedAttempt(command.getId(), clock.instant(), since));
            if (recorded != null && recorded == 1) {
                return EngineCommand.Status.APPLIED;
            }
        }
        return tx.execute(status -> {
            EngineCommand c = commands.findById(command.getId()).orElseThrow();
            record(c, answer, clock.instant());
            return c.getStatus();
        });
    }

    private void record(EngineCommand command, RuntimeException failure, Instant now) {
        if (failure == null) {
            command.applied(now);
        } else if (failure instanceof ClientStatusException e && e.getStatusCode() == Status.Code.NOT_FOUND) {
            command.notFound(e.getMessage(), now);
            if (command.getStatus() == EngineCommand.Status.GONE) {
                outbox.notTaken(command);
            }
        } else if (failure instanceof ClientStatusException e && e.getStatusCode() == Status.Code.ALREADY_EXISTS
                && command.getKind() == EngineCommand.Kind.PUBLISH_MESSAGE) {
            command.applied(now); // the message id was published before: an earlier attempt was taken
        } else if (failure instanceof ClientStatusException e && e.getStatusCode() == Status.Code.RESOURCE_EXHAUSTED) {
            failed(command, failure, now, false); // back pressure: the engine refused it unprocessed
        } else {
            failed(command, failure, now, !refusedConnection(failure));
        }
    }

    private void failed(EngineCommand command, RuntimeException e, Instant now, boolean uncertain) {
        command.failed(e.getClass().getSimpleName() + ": " + e.getMessage(), uncertain, now);
        log.warn("engine command {} ({}) not taken, attempt {}: {}{}", command.getId(), command.getKind(),
                command.getAttempts(), e.getMessage(), command.getStatus() == EngineCommand.Status.ATTENTION
                        ? "; it cannot be retried safely and waits for an officer (operations page)" : "");
    }

    /** The request never reached the engine (nothing listens at its address), so it cannot have been taken. */
    private static boolean refusedConnection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
