package cn.grants.api.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import cn.grants.api.ApiClient;
import cn.grants.api.InboxFixtures;
import cn.grants.api.ModelFixtures;
import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.domain.cases.TimelineRepository;
import cn.grants.domain.engine.EngineCommand;
import cn.grants.domain.engine.EngineCommandRepository;
import cn.grants.domain.engine.EngineOutbox;
import cn.grants.domain.payouts.PayoutRepository;
import cn.grants.domain.payouts.PayoutService;
import cn.grants.domain.payouts.Tranche;
import cn.grants.domain.payouts.TrancheApproval;
import cn.grants.domain.payouts.TrancheRepository;
import cn.grants.domain.tasks.InboxTask;
import cn.grants.domain.tasks.InboxTaskRepository;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The engine and the database never disagree, whichever side fails: faults are injected where the two meet. A
 * commit that fails after the decision was taken leaves the process waiting (the engine command was never sent); an
 * engine that is unreachable when the database committed gets the command later, once; an instance the engine
 * started for a change that did not commit is cancelled; a worker that crashes between paying and completing its
 * job pays once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}", "grants.zeebe.embedded-port=0",
    "grants.engine-outbox.interval=PT0.5S"})
class EngineConsistencyIntegrationTest {

    static final String MEASURE = "sz-equip-03-major-equipment-rd";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcTemplate jdbc;
    @MockitoSpyBean
    CamundaClient camunda;
    @Autowired
    EngineCommandRepository commands;
    @Autowired
    InboxTaskRepository tasks;
    @Autowired
    TimelineRepository timeline;
    @Autowired
    GrantCaseRepository cases;
    @Autowired
    TrancheRepository tranches;
    @Autowired
    PayoutRepository instructions;
    @Autowired
    TransactionTemplate transactions;
    @MockitoSpyBean
    EngineCommandSender sender;
    @MockitoSpyBean
    PayoutService payouts;

    @AfterEach
    void removeInjectedFaults() {
        jdbc.execute("drop trigger if exists inject_commit_failure on user_task");
        jdbc.execute("drop trigger if exists inject_commit_failure on funding_round");
    }

    /** A constraint trigger checked at commit: the transaction's statements all succeed, its commit fails. */
    private void failCommitsOf(String table, String condition) {
        jdbc.execute("""
                create or replace function inject_commit_failure() returns trigger language plpgsql as $$
                begin raise exception 'injected: the commit fails'; end $$""");
        jdbc.execute("create constraint trigger inject_commit_failure after insert or update on " + table
                + " deferrable initially deferred for each row when (" + condition + ")"
                + " execute function inject_commit_failure()");
    }

    private ApiClient api() {
        return new ApiClient(rest);
    }

    private String submittedCase() {
        ApiClient api = api();
        String round = api.openRound(Duration.ofHours(1), Map.of(), MEASURE);
        String caseId = (String) api.createCase("applicant", round, MEASURE, Map.of("INVESTMENT", "1000000.00"))
                .get("id");
        assertThat(api.post("applicant", "/api/cases/" + caseId + "/submit", null).getStatusCode().value())
                .isEqualTo(200);
        return caseId;
    }

    private long entered(String caseId, String stage) {
        return timeline.findByCaseIdOrderByIdAsc(UUID.fromString(caseId)).stream()
                .filter(e -> stage.equals(e.getStage()) && "ENTERED".equals(String.valueOf(e.getEvent()))).count();
    }

    @Autowired
    cn.grants.api.engine.EngineCommandRelay relay;
    @org.springframework.beans.factory.annotation.Value("${grants.zeebe.epoch}")
    String epoch;

    @Autowired
    EngineOutbox outbox;

    @Test
    void shouldSendTheCommandARequestWroteAtOnceAndKeepTheScheduledRelayOffItMeanwhile() {
        // given a command written in a request's transaction, as a submission writes its message
        Instant before = Instant.now();
        EngineCommand written = transactions.execute(status -> outbox.publish(null, "nobody-waits",
                "key-" + UUID.randomUUID(), "message-" + UUID.randomUUID(), Duration.ofMinutes(1), Map.of()));
        UUID id = written.getId();

        // then its first attempt committed with it, leased: the request sends it with no claim of its own
        EngineCommand committed = commands.findById(id).orElseThrow();
        assertThat(committed.isInFlight()).isTrue();
        assertThat(committed.getAttempts()).isEqualTo(1);
        assertThat(committed.getNextAttemptAt()).isAfterOrEqualTo(before.plus(EngineCommand.ATTEMPT_LEASE));

        // and the scheduled relay, running between the commit and the request's send, leaves it to the request
        relay.sendDue();
        verify(sender, never()).send(argThat(c -> c.getId().equals(id)));

        // when the request sends it
        EngineCommand.Status handedOver = relay.send(written);

        // then it left once, and the engine's answer is recorded
        assertThat(handedOver).isEqualTo(EngineCommand.Status.APPLIED);
        verify(sender, times(1)).send(argThat(c -> c.getId().equals(id)));
        EngineCommand answered = commands.findById(id).orElseThrow();
        assertThat(answered.getStatus()).isEqualTo(EngineCommand.Status.APPLIED);
        assertThat(answered.isInFlight()).isFalse();
        assertThat(answered.getAttempts()).isEqualTo(1);
    }

    @Test
    void shouldRecordTheEnginesAnswerToAnAttemptWhoseLeaseRanOutWhileAnotherAttemptIsUnderWay() {
        // given a command a request wrote and is about to send, whose lease ran out meanwhile: another sender saw
        // its attempt unanswered and began a second one
        EngineCommand written = transactions.execute(status -> outbox.publish(null, "nobody-waits",
                "key-" + UUID.randomUUID(), "message-" + UUID.randomUUID(), Duration.ofMinutes(1), Map.of()));
        UUID id = written.getId();
        transactions.executeWithoutResult(status -> {
            EngineCommand c = commands.findById(id).orElseThrow();
            Instant later = Instant.now().plus(EngineCommand.ATTEMPT_LEASE).plusSeconds(1);
            assertThat(c.begin(later, EngineCommand.ATTEMPT_LEASE)).isTrue();
        });

        // when the first attempt leaves at last and the engine takes it
        EngineCommand.Status handedOver = relay.send(written);

        // then the answer is recorded all the same (on the row as it now is), not lost with the attempt it began
        assertThat(handedOver).isEqualTo(EngineCommand.Status.APPLIED);
        EngineCommand answered = commands.findById(id).orElseThrow();
        assertThat(answered.getStatus()).isEqualTo(EngineCommand.Status.APPLIED);
        assertThat(answered.getAppliedAt()).isNotNull();
        assertThat(answered.getAttempts()).isEqualTo(2);
        verify(sender, times(1)).send(argThat(c -> c.getId().equals(id)));
    }

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactionManager;

    /** A relay as the application's, waiting at most 100 ms for the engine, with this many hand-over threads. */
    private EngineCommandRelay waitingBriefly(int handOverThreads, MeterRegistry meters) {
        return new EngineCommandRelay(commands, outbox, sender, transactionManager, java.time.Clock.systemUTC(), epoch,
                Duration.ofMillis(100), handOverThreads, meters);
    }

    private UUID writtenMessage() {
        return transactions.execute(status -> outbox.publish(null, "nobody-waits", "key-" + UUID.randomUUID(),
                "message-" + UUID.randomUUID(), Duration.ofMinutes(1), Map.of())).getId();
    }

    /** A task's completion, written as the outbox writes one: its first attempt recorded and leased. */
    private UUID writtenCompletion() {
        return transactions.execute(status -> {
            EngineCommand completion = EngineCommand.completeJob(epoch, null, UUID.randomUUID(),
                    JOB_KEYS.incrementAndGet(), Map.of("decision", "PASS"), java.time.Instant.now());
            completion.begin(java.time.Instant.now(), EngineCommand.ATTEMPT_LEASE);
            return commands.save(completion);
        }).getId();
    }

    private static final java.util.concurrent.atomic.AtomicLong JOB_KEYS = new java.util.concurrent.atomic.AtomicLong(
            9_000_000_000L);

    /** The engine holds its answer to this command until the latch opens, then takes it (or answers as it would). */
    private void engineHoldsTheAnswerTo(UUID id, CountDownLatch answer) {
        doAnswer(call -> {
            assertThat(answer.await(20, TimeUnit.SECONDS)).as("the test opens the latch").isTrue();
            EngineCommand command = call.getArgument(0);
            return command.getKind() == EngineCommand.Kind.COMPLETE_JOB ? null : call.callRealMethod();
        }).when(sender).send(argThat(c -> c != null && c.getId().equals(id)));
    }

    private EngineCommand awaitStatus(UUID id, EngineCommand.Status expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            EngineCommand command = commands.findById(id).orElseThrow();
            if (command.getStatus() == expected || System.nanoTime() > deadline) {
                return command;
            }
            Thread.sleep(20);
        }
    }

    @Test
    void shouldAnswerATaskCompletionAfterTheAnswerWaitAndRecordTheEnginesLaterAnswerOnce() throws Exception {
        // given a task's completion a request wrote, and an engine slower to answer it than the request waits
        UUID id = writtenCompletion();
        EngineCommand written = commands.findById(id).orElseThrow();
        CountDownLatch answer = new CountDownLatch(1);
        engineHoldsTheAnswerTo(id, answer);
        MeterRegistry meters = new SimpleMeterRegistry();
        EngineCommandRelay relay = waitingBriefly(4, meters);

        // when the request hands it over
        long start = System.nanoTime();
        EngineCommand.Status handedOver = relay.send(written);
        long waited = System.nanoTime() - start;

        // then it answers "recorded, not handed over yet" without the engine's answer, after the wait
        assertThat(handedOver).isEqualTo(EngineCommand.Status.PENDING);
        assertThat(waited).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        EngineCommand meanwhile = commands.findById(id).orElseThrow();
        assertThat(meanwhile.getStatus()).isEqualTo(EngineCommand.Status.PENDING);
        assertThat(meanwhile.isInFlight()).as("its attempt is leased: no other sender takes it").isTrue();
        this.relay.sendDue();
        verify(sender, times(1)).send(argThat(c -> c != null && c.getId().equals(id)));

        // and when the engine answers, the answer is recorded by the hand-over, and the command left once
        answer.countDown();
        EngineCommand answered = awaitStatus(id, EngineCommand.Status.APPLIED);
        assertThat(answered.getStatus()).isEqualTo(EngineCommand.Status.APPLIED);
        assertThat(answered.isInFlight()).isFalse();
        assertThat(answered.getAttempts()).isEqualTo(1);
        verify(sender, times(1)).send(argThat(c -> c != null && c.getId().equals(id)));
        assertThat(meters.get("grants.engine.answer").tag("answered", "after-request").timer().count()).isEqualTo(1);
        relay.stop();
    }

    @Test
    void shouldMakeARequestWaitForItsOwnAnswerWhenEveryHandOverThreadAwaitsOne() throws Exception {
        // given one hand-over thread, already awaiting the engine's answer to an earlier request's completion
        UUID first = writtenCompletion();
        UUID second = writtenCompletion();
        CountDownLatch answer = new CountDownLatch(1);
        engineHoldsTheAnswerTo(first, answer);
        engineHoldsTheAnswerTo(second, answer);
        EngineCommandRelay relay = waitingBriefly(1, new SimpleMeterRegistry());
        assertThat(relay.send(commands.findById(first).orElseThrow())).isEqualTo(EngineCommand.Status.PENDING);

        // when another request hands its command over
        java.util.concurrent.CompletableFuture<EngineCommand.Status> secondRequest = java.util.concurrent
                .CompletableFuture.supplyAsync(() -> relay.send(commands.findById(second).orElseThrow()));

        // then it waits for its own answer, past the answer wait (the engine falls no further behind)
        Thread.sleep(500);
        assertThat(secondRequest).isNotDone();
        answer.countDown();
        assertThat(secondRequest.get(20, TimeUnit.SECONDS)).isEqualTo(EngineCommand.Status.APPLIED);
        assertThat(awaitStatus(first, EngineCommand.Status.APPLIED).getStatus())
                .isEqualTo(EngineCommand.Status.APPLIED);
        relay.stop();
    }

    @Test
    void shouldMakeASubmissionWaitForTheEnginesAnswerPastTheTaskAnswerWait() throws Exception {
        // given a submission's message a request wrote, and an engine slower to answer it than a task waits
        UUID id = writtenMessage();
        CountDownLatch answer = new CountDownLatch(1);
        engineHoldsTheAnswerTo(id, answer);
        MeterRegistry meters = new SimpleMeterRegistry();
        EngineCommandRelay relay = waitingBriefly(4, meters);

        // when the request hands it over and the engine answers after 400 ms
        java.util.concurrent.CompletableFuture<EngineCommand.Status> request = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> relay.send(commands.findById(id).orElseThrow()));
        Thread.sleep(400);
        assertThat(request).as("the submission still waits for the engine").isNotDone();
        answer.countDown();

        // then the request answers with what the engine did, on its own thread, not through a hand-over
        assertThat(request.get(20, TimeUnit.SECONDS)).isEqualTo(EngineCommand.Status.APPLIED);
        assertThat(meters.find("grants.engine.answer").timers()).allSatisfy(t -> assertThat(t.count()).isZero());
        relay.stop();
    }

    @Test
    void shouldWaitForTheAnswerWhenAnotherSenderIsHandingTheCommandOverAtThatMoment() throws Exception {
        // given a command the scheduled relay claimed and is sending right now (its attempt recorded, no answer yet)
        UUID id = transactions.execute(status -> {
            EngineCommand command = EngineCommand.publishMessage(epoch, null, "nobody-waits", "key-" + UUID.randomUUID(),
                    "message-" + UUID.randomUUID(), Duration.ofMinutes(1), Map.of(), java.time.Instant.now());
            EngineCommand saved = commands.save(command);
            assertThat(saved.begin(java.time.Instant.now(), Duration.ofSeconds(30))).isTrue();
            return saved.getId();
        });

        // when the request that wrote it hands it over, and the other attempt's answer comes 300 ms later
        java.util.concurrent.CompletableFuture<EngineCommand.Status> handedOver =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> relay.send(id));
        Thread.sleep(300);
        assertThat(handedOver).isNotDone();
        transactions.executeWithoutResult(status -> commands.findById(id).orElseThrow()
                .applied(java.time.Instant.now()));

        // then the request tells what the engine did (taken), not "not yet" (202 to the user)
        assertThat(handedOver.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(EngineCommand.Status.APPLIED);
    }

    @Test
    void shouldWaitForAnotherSendersAttemptWhoseClaimHasNotCommittedYet() throws Exception {
        // given a command just written, and the scheduled relay holding its row: its claim not committed yet (the
        // command is dated a little ahead, so that the application's own scheduled relay, running every 0.5 s here,
        // cannot claim it before this test's stand-in does; the stand-in begins its attempt at that time)
        java.time.Instant written = java.time.Instant.now().plusSeconds(10)
                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // as stored: the database keeps microseconds
        UUID id = transactions.execute(status -> commands.save(EngineCommand.publishMessage(epoch, null,
                "nobody-waits", "key-" + UUID.randomUUID(), "message-" + UUID.randomUUID(), Duration.ofMinutes(1),
                Map.of(), written)).getId());
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        // a thread of its own (the common pool has one thread on two cores, and may be busy)
        java.util.concurrent.ExecutorService scheduledRelay = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.CompletableFuture<Void> relayAttempt = java.util.concurrent.CompletableFuture.runAsync(() -> {
            transactions.executeWithoutResult(status -> {
                EngineCommand claimed = commands.claim(id).orElseThrow();
                held.countDown();
                ApiClient.sleep(300);
                assertThat(claimed.begin(written, Duration.ofSeconds(30))).isTrue();
            });
            ApiClient.sleep(300); // the engine's answer
            transactions.executeWithoutResult(status -> commands.findById(id).orElseThrow()
                    .applied(java.time.Instant.now()));
        }, scheduledRelay);
        scheduledRelay.shutdown();
        if (!held.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
            relayAttempt.get(1, java.util.concurrent.TimeUnit.SECONDS); // its failure, if it failed
        }
        assertThat(held.getCount()).as("the other sender holds the row").isZero();

        // when the request that wrote it hands it over while the other claim is still open
        EngineCommand.Status handedOver = relay.send(id);

        // then it waited for that attempt to show and for its answer: taken, not "not yet" (202 to the user)
        assertThat(handedOver).isEqualTo(EngineCommand.Status.APPLIED);
        relayAttempt.get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void shouldLeaveTheTaskOpenAndTheProcessWaitingWhenTheCommitFailsAfterTheDecision() {
        // given a case at the formal check, and a database whose commit of that decision fails
        String caseId = submittedCase();
        String task = api().task("officer", caseId, "UserTask_FormalCheck");
        failCommitsOf("user_task", "new.status = 'COMPLETED'");

        // when the officer approves
        ResponseEntity<Map<String, Object>> failed = api().post("officer", "/api/tasks/" + task + "/complete",
                api().formalCheckApproval(caseId));

        // then nothing was decided on either side: the task is open and no command went to the engine
        assertThat(failed.getStatusCode().is5xxServerError()).as("%s", failed.getBody()).isTrue();
        assertThat(tasks.findById(UUID.fromString(task)).orElseThrow().getStatus()).isEqualTo(InboxTask.Status.OPEN);
        assertThat(commands.findByCaseIdOrderByCreatedAtAsc(UUID.fromString(caseId)))
                .noneMatch(c -> c.getKind() == EngineCommand.Kind.COMPLETE_JOB);

        // and once the database commits again, the same task completes and the process moves on once
        removeInjectedFaults();
        api().complete("officer", task, api().formalCheckApproval(caseId));
        api().awaitStage("officer", caseId, "EXPERT_REVIEW");
        assertThat(entered(caseId, "EXPERT_REVIEW")).isEqualTo(1);
        assertThat(entered(caseId, "FORMAL_CHECK")).isEqualTo(1);
    }

    @Test
    void shouldHandTheDecisionToTheEngineOnceWhenItWasUnreachableAtTheCommit() {
        // given a case at the formal check, and an engine that cannot be reached for the next two attempts
        String caseId = submittedCase();
        String task = api().task("officer", caseId, "UserTask_FormalCheck");
        AtomicInteger unreachable = new AtomicInteger(2);
        doAnswer(call -> {
            EngineCommand command = call.getArgument(0);
            if (command.getKind() == EngineCommand.Kind.COMPLETE_JOB && unreachable.getAndDecrement() > 0) {
                throw new ClientException("engine unreachable", new ConnectException("Connection refused"));
            }
            return call.callRealMethod();
        }).when(sender).send(any());

        // when the officer approves
        ResponseEntity<Map<String, Object>> accepted = api().post("officer", "/api/tasks/" + task + "/complete",
                api().formalCheckApproval(caseId));

        // then the decision is recorded and accepted (202), and the process moves on when the engine answers, once
        assertThat(accepted.getStatusCode().value()).as("%s", accepted.getBody()).isEqualTo(202);
        assertThat(tasks.findById(UUID.fromString(task)).orElseThrow().getStatus())
                .isEqualTo(InboxTask.Status.COMPLETED);
        api().awaitStage("officer", caseId, "EXPERT_REVIEW");
        EngineCommand command = commands.findByCaseIdOrderByCreatedAtAsc(UUID.fromString(caseId)).stream()
                .filter(c -> c.getKind() == EngineCommand.Kind.COMPLETE_JOB).findFirst().orElseThrow();
        assertThat(command.getStatus()).isEqualTo(EngineCommand.Status.APPLIED);
        assertThat(command.getAttempts()).isEqualTo(3);
        assertThat(entered(caseId, "EXPERT_REVIEW")).isEqualTo(1);
    }

    @Test
    void shouldRefuseToOpenARoundAndKeepNothingOfItWhenTheEngineDoesNotStartItsInstance() {
        // given an engine that refuses to start instances
        doThrow(new ClientStatusException(Status.UNAVAILABLE.withDescription("injected: engine away"), null))
                .when(camunda).newCreateInstanceCommand();

        String budgetBefore = budgetOf(MEASURE);

        // when an officer opens a round that sets the measure's budget
        ResponseEntity<Map<String, Object>> response = api().requestRound("engine away", Duration.ofHours(1),
                Map.of(MEASURE, "123456.78"), MEASURE);

        // then the answer is a problem saying so, to be retried, and neither the round nor its budget was kept
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(503);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat((String) response.getBody().get("detail")).contains("process engine", "nothing was saved");
        assertThat(jdbc.queryForObject("select count(*) from funding_round where name = 'engine away'",
                Integer.class)).isZero();
        assertThat(budgetOf(MEASURE)).isEqualTo(budgetBefore).doesNotContain("123456.78");
    }

    private String budgetOf(String measure) {
        return jdbc.queryForObject("select coalesce(string_agg(year || ':' || amount, ',' order by year), 'none') "
                + "from budget where programme = ?", String.class, measure);
    }

    @Test
    void shouldCancelTheRoundInstanceTheEngineStartedWhenTheRoundDoesNotCommit() {
        // given a database whose commit of a round named "fault injection" fails
        failCommitsOf("funding_round", "new.name = 'fault injection'");
        List<Long> cancelled = new CopyOnWriteArrayList<>();
        doAnswer(call -> {
            EngineCommand command = call.getArgument(0);
            if (command.getKind() == EngineCommand.Kind.CANCEL_INSTANCE) {
                cancelled.add(command.getProcessInstanceKey());
            }
            return call.callRealMethod();
        }).when(sender).send(any());

        // when an officer opens it (the engine starts the round's instance, then the commit fails)
        ResponseEntity<Map<String, Object>> response = api().requestRound("fault injection", Duration.ofHours(1),
                Map.of(), MEASURE);

        // then there is no round, and the instance the engine started was cancelled
        assertThat(response.getStatusCode().is5xxServerError()).as("%s", response.getBody()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from funding_round where name = 'fault injection'",
                Integer.class)).isZero();
        assertThat(cancelled).hasSize(1);
        assertThat(commands.findByStatusInOrderByCreatedAtAsc(List.of(EngineCommand.Status.values())))
                .filteredOn(c -> cancelled.get(0).equals(c.getProcessInstanceKey())).singleElement()
                .extracting(EngineCommand::getStatus).isEqualTo(EngineCommand.Status.APPLIED);
        assertThatThrownBy(() -> camunda.newCancelInstanceCommand(cancelled.get(0)).send().join())
                .isInstanceOfSatisfying(ClientStatusException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void shouldPayOnceWhenTheWorkerCrashesBetweenPayingAndCompletingItsJob() {
        // given a due tranche with its recorded approval, and a worker that crashes right after its first payment
        GrantCase c = new GrantCase(UUID.randomUUID(), MEASURE, "applicant", "某公司", ApiClient.CREDIT_CODE, "项目",
                Map.of("INVESTMENT", "1000.00"), Instant.now());
        UUID caseId = cases.saveAndFlush(c).getId();
        tranches.saveAndFlush(new Tranche(caseId, 1, Tranche.Kind.YEARLY, new BigDecimal("500000.00"),
                Instant.now().minusSeconds(60)));
        payouts.approve(caseId, 1, TrancheApproval.Level.FIRST, "finance", new BigDecimal("10000000.00"),
                InboxFixtures.financeTask(transactions, tasks, caseId));
        AtomicInteger crashes = new AtomicInteger(1);
        doAnswer(call -> {
            Object paid = call.callRealMethod();
            if (crashes.getAndDecrement() > 0) {
                throw new IllegalStateException("injected: the worker dies after paying, before completing its job");
            }
            return paid;
        }).when(payouts).pay(any(), anyString(), anyInt(), any());
        camunda.newDeployResourceCommand().addResourceStringUtf8(ModelFixtures.payoutModel(caseId.toString()), "pay-once.bpmn")
                .send().join();

        // when the step runs: the job fails after the payment, the engine hands it out again
        long instance = camunda.newCreateInstanceCommand().bpmnProcessId("pay-once").latestVersion().send().join()
                .getProcessInstanceKey();

        // then the instance completes, and the tranche has one instruction
        ApiClient.await("the payout instance to complete", Duration.ofSeconds(60), () -> {
            try {
                camunda.newSetVariablesCommand(instance).variables(Map.of("probe", 1)).send().join();
                return null;
            } catch (ClientStatusException e) {
                return e.getStatusCode() == Status.Code.NOT_FOUND ? true : null;
            }
        });
        verify(payouts, atLeast(2)).pay(any(), anyString(), anyInt(), any());
        assertThat(instructions.findByCaseIdOrderByTrancheAsc(caseId)).singleElement()
                .satisfies(p -> assertThat(p.getAmount()).isEqualByComparingTo("500000.00"));
    }
}
