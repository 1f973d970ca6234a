package cn.grants.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The task list, the case list and the case view run a bounded number of SQL statements, whatever the number of
 * rows they show: no query per task or per case (N+1). Counted per request by {@code grants.http.sql.statements}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "grants.data-dir=target/it-data/${random.uuid}", "grants.zeebe.embedded-port=0"})
class QueryBudgetIntegrationTest {

    static final String MEASURE = "sz-equip-03-major-equipment-rd";
    /** The most statements one of these requests may run. */
    static final int BUDGET = 20;
    /**
     * A creation's statements (measured 12): the round, the case's insert and its eligibility rows' inserts, the
     * case view, the audit entry. Each new row used to be looked up by its new id first (14).
     */
    static final int CREATE_BUDGET = 12;
    /**
     * A submission's statements (measured 20): the locks, the checks, the case, its timeline and notification, the
     * engine command with its attempt begun, the engine's answer recorded, the case view, the audit entry (24 when
     * the command was looked up by its new id, 23 with its attempt begun in a transaction of its own, 21 with its
     * answer recorded after reading it back).
     */
    static final int SUBMIT_BUDGET = 20;

    /**
     * An expert's score (measured 8): the task locked, the case, the expert's draw, the action's audit entry, the
     * engine command, the task and the draw updated, the engine's answer recorded, the request's audit entry (10
     * before: the command was updated right after its insert, because its variables hold a number that Hibernate's
     * copy of the JSON, kept to compare with, did not hold the same; and its answer was recorded after reading it back).
     */
    static final int SCORE_BUDGET = 8;
    /**
     * A formal check approved with its conditions marked (measured 10): as a score, with the case's conditions and
     * documents read once and the marks written (13 before: read again for the checklist, and the answer read back).
     */
    static final int FORMAL_CHECK_BUDGET = 10;

    @Autowired
    TestRestTemplate rest;
    @Autowired
    MeterRegistry registry;

    /** The statements of one request: what the metric of its uri pattern recorded for it. */
    long statements(ApiClient api, String uri, String path) {
        DistributionSummary before = registry.find("grants.http.sql.statements").tags("method", "GET", "uri", uri)
                .summary();
        double total = before == null ? 0 : before.totalAmount();
        long count = before == null ? 0 : before.count();
        assertThat(rest.withBasicAuth("officer", "officer").getForEntity(path, String.class).getStatusCode()
                .is2xxSuccessful()).isTrue();
        DistributionSummary after = registry.find("grants.http.sql.statements").tags("method", "GET", "uri", uri)
                .summary();
        assertThat(after.count()).as("one request of %s counted", uri).isEqualTo(count + 1);
        return Math.round(after.totalAmount() - total);
    }

    /** What the metric recorded for requests of a method and uri pattern so far: statements and requests. */
    long[] recorded(String method, String uri) {
        DistributionSummary s = registry.find("grants.http.sql.statements").tags("method", method, "uri", uri)
                .summary();
        return s == null ? new long[] {0, 0} : new long[] {Math.round(s.totalAmount()), s.count()};
    }

    List<String> submitted(ApiClient api, String round, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = (String) api.createCase("applicant", round, MEASURE, Map.of("INVESTMENT", "1000000.00"),
                    "深圳市计数测试企业" + i + "有限公司", cn.grants.api.cases.CreditCodes.withCheck(String.format(
                            "91440300MB%07d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000_000))))
                    .get("id");
            api.post("applicant", "/api/cases/" + id + "/submit", null);
            ids.add(id);
        }
        ids.forEach(id -> api.task("officer", id, "UserTask_FormalCheck"));
        return ids;
    }

    @Test
    void shouldListTasksAndCasesAndShowACaseWithABoundedNumberOfStatements() {
        // given two submitted cases waiting at the formal check
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofHours(1), Map.of(), MEASURE);
        List<String> first = submitted(api, round, 2);
        long tasks = statements(api, "/api/tasks", "/api/tasks");
        long cases = statements(api, "/api/cases", "/api/cases");
        long view = statements(api, "/api/cases/{id}", "/api/cases/" + first.get(0));

        // when four more cases wait, each with its task, timeline, documents and checklist
        submitted(api, round, 4);

        // then the lists run as many statements as before, and all three stay within the budget
        assertThat(statements(api, "/api/tasks", "/api/tasks")).as("task list").isEqualTo(tasks)
                .isLessThanOrEqualTo(BUDGET);
        assertThat(statements(api, "/api/cases", "/api/cases")).as("case list").isEqualTo(cases)
                .isLessThanOrEqualTo(BUDGET);
        assertThat(view).as("case view").isLessThanOrEqualTo(BUDGET);
    }

    @Test
    void shouldCompleteAFormalCheckAndAnExpertsScoreWritingEachRowOnceAndReadingNothingTwice() {
        // given a submitted case at its formal check
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofHours(1), Map.of(), MEASURE);
        String id = submitted(api, round, 1).get(0);
        Map<String, Object> approval = api.formalCheckApproval(id);
        String formalCheck = api.task("officer", id, "UserTask_FormalCheck");
        long[] before = recorded("POST", "/api/tasks/{id}/complete");

        // when the officer approves it, marking its conditions, and its three experts score it
        api.complete("officer", formalCheck, approval);
        long[] checked = recorded("POST", "/api/tasks/{id}/complete");
        api.expertsScore(id, 80, 3);
        long[] scored = recorded("POST", "/api/tasks/{id}/complete");

        // then each completion ran its statements once
        assertThat(checked[1] - before[1]).isEqualTo(1);
        assertThat(scored[1] - checked[1]).isEqualTo(3);
        assertThat(checked[0] - before[0]).as("statements of the formal check").isLessThanOrEqualTo(FORMAL_CHECK_BUDGET);
        assertThat(scored[0] - checked[0]).as("statements of three scores").isLessThanOrEqualTo(3L * SCORE_BUDGET);
    }

    @Test
    void shouldCreateAndSubmitAnApplicationWithoutReadingBackTheRowsItInserts() {
        // given an open round of a measure with eligibility conditions
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofHours(1), Map.of(), MEASURE);
        long[] createdBefore = recorded("POST", "/api/cases");
        long[] submittedBefore = recorded("POST", "/api/cases/{id}/submit");

        // when an applicant creates and submits an application
        String id = (String) api.createCase("applicant", round, MEASURE, Map.of("INVESTMENT", "1000000.00"),
                "深圳市语句计数企业有限公司", cn.grants.api.cases.CreditCodes.withCheck("91440300MB7700001"))
                .get("id");
        assertThat(api.post("applicant", "/api/cases/" + id + "/submit", null).getStatusCode().value())
                .isIn(200, 202);

        // then each ran its statements once: new rows are inserted, not first looked up by their new id
        long[] created = recorded("POST", "/api/cases");
        long[] submittedNow = recorded("POST", "/api/cases/{id}/submit");
        assertThat(created[1] - createdBefore[1]).isEqualTo(1);
        assertThat(submittedNow[1] - submittedBefore[1]).isEqualTo(1);
        assertThat(created[0] - createdBefore[0]).as("statements of a creation").isLessThanOrEqualTo(CREATE_BUDGET);
        assertThat(submittedNow[0] - submittedBefore[0]).as("statements of a submission")
                .isLessThanOrEqualTo(SUBMIT_BUDGET);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldFilterAndPageTheTaskListInTheDatabase() {
        // given a round with three cases at the formal check
        ApiClient api = new ApiClient(rest);
        String round = api.openRound(Duration.ofHours(1), Map.of(), MEASURE);
        List<String> ids = submitted(api, round, 3);

        // when the officer asks for the round's formal checks, two per page, and for one case's tasks
        var firstPage = rest.withBasicAuth("officer", "officer").exchange("/api/tasks?roundId=" + round
                + "&form=formal-check&page=0&size=2", org.springframework.http.HttpMethod.GET, null,
                new org.springframework.core.ParameterizedTypeReference<List<Map<String, Object>>>() {
                });
        List<Map<String, Object>> secondPage = api.list("officer", "/api/tasks?roundId=" + round
                + "&form=formal-check&page=1&size=2");
        List<Map<String, Object>> ofCase = api.list("officer", "/api/tasks?caseId=" + ids.get(1));
        var badSize = api.get("officer", "/api/tasks?size=5000");
        var badCase = api.get("officer", "/api/tasks?caseId=not-a-case");

        // then the pages hold the round's three tasks, oldest first, and the total; bad parameters are named
        assertThat(firstPage.getHeaders().getFirst("X-Total-Count")).isEqualTo("3");
        assertThat(firstPage.getBody()).hasSize(2);
        assertThat(secondPage).hasSize(1);
        List<Map<String, Object>> both = new ArrayList<>(firstPage.getBody());
        both.addAll(secondPage);
        assertThat(both).extracting(t -> t.get("caseId")).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(both).extracting(t -> java.time.Instant.parse(t.get("createdAt").toString())).isSorted();
        assertThat(ofCase).singleElement().satisfies(t -> assertThat(t).containsEntry("caseId", ids.get(1))
                .containsEntry("taskType", "UserTask_FormalCheck"));
        assertThat(badSize.getBody()).containsEntry("status", 400).containsEntry("field", "size");
        assertThat(badCase.getBody()).containsEntry("status", 400).containsEntry("field", "caseId");

        // and by the case's measure and by how long a task has waited, as the task page filters
        assertThat(api.list("officer", "/api/tasks?roundId=" + round + "&measureId=" + MEASURE)).hasSize(3);
        assertThat(api.list("officer", "/api/tasks?roundId=" + round + "&measureId=sz-other")).isEmpty();
        assertThat(api.list("officer", "/api/tasks?roundId=" + round + "&waitingHours=0")).hasSize(3);
        assertThat(api.list("officer", "/api/tasks?roundId=" + round + "&waitingHours=1")).as("waiting ≥ 1 h").isEmpty();
        assertThat(api.get("officer", "/api/tasks?waitingHours=soon").getBody()).containsEntry("status", 400)
                .containsEntry("field", "waitingHours");

        // and the page's filters offer what the officer's open tasks have, counted in the database
        Map<String, Object> facets = api.get("officer", "/api/tasks/facets").getBody();
        assertThat((List<Map<String, Object>>) facets.get("rounds")).anySatisfy(f -> assertThat(f)
                .containsEntry("value", round).containsEntry("count", 3));
        assertThat((List<Map<String, Object>>) facets.get("steps")).anySatisfy(f -> {
            assertThat(f).containsEntry("value", "UserTask_FormalCheck");
            assertThat(f.get("label").toString()).contains("形式审查");
            assertThat(((Number) f.get("count")).intValue()).isGreaterThanOrEqualTo(3);
        });
        assertThat((List<Map<String, Object>>) facets.get("measures")).anySatisfy(f -> assertThat(f)
                .containsEntry("value", MEASURE));
        assertThat((Map<String, Object>) api.get("applicant", "/api/tasks/facets").getBody())
                .as("an applicant's own tasks only").satisfies(f -> assertThat((List<?>) f.get("rounds")).isEmpty());
        assertThat(statements(api, "/api/tasks/facets", "/api/tasks/facets")).as("the facets")
                .isLessThanOrEqualTo(BUDGET);

        // and the case list of the round at the formal check, a page at a time, newest first, with the total
        var cases = rest.withBasicAuth("officer", "officer").exchange("/api/cases?roundId=" + round
                + "&stage=FORMAL_CHECK&page=0&size=2", org.springframework.http.HttpMethod.GET, null,
                new org.springframework.core.ParameterizedTypeReference<List<Map<String, Object>>>() {
                });
        assertThat(cases.getHeaders().getFirst("X-Total-Count")).isEqualTo("3");
        assertThat(cases.getBody()).hasSize(2).extracting(c -> c.get("id")).containsExactly(ids.get(2), ids.get(1));
        assertThat(api.list("applicant2", "/api/cases?roundId=" + round)).as("another applicant's").isEmpty();
        assertThat(api.get("officer", "/api/cases?stage=NOWHERE").getBody()).containsEntry("status", 400)
                .containsEntry("field", "stage");
        assertThat(statements(api, "/api/cases", "/api/cases?roundId=" + round + "&page=0&size=50"))
                .as("a page of the case list").isLessThanOrEqualTo(BUDGET);
    }
}
