package cn.grants.api.money;

import static org.assertj.core.api.Assertions.assertThat;

import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.GrantCaseRepository;
import cn.grants.workers.calculation.CalculateSubsidyWorker;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The per-enterprise cap at calculation: cases of one enterprise calculated at the same moment read what the
 * enterprise was granted under its lock, so together they never take more than the cap.
 */
@SpringBootTest(properties = {"grants.data-dir=target/it-data/${random.uuid}", "grants.zeebe.embedded-port=0"})
class EnterpriseCapCalculationIntegrationTest {

    /** 单个企业可资助金额不超过500万元; 30% of sales. */
    static final String CAPPED = "sz-newmat-08-first-batch-materials";

    @Autowired
    CalculateSubsidyWorker worker;
    @Autowired
    GrantCaseRepository cases;

    @Test
    void shouldNotLetConcurrentCalculationsOfOneEnterpriseTakeTheCapTwice() throws Exception {
        // given: six cases of one enterprise, each worth 6,000,000.00 before the cap of 5,000,000.00
        String enterprise = "91440300MA5FCALC1X";
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            GrantCase c = new GrantCase(UUID.randomUUID(), CAPPED, "applicant", "深圳市示例新材料有限公司", enterprise,
                    "首批次新材料 " + i, Map.of("SALES", "20000000.00"), Instant.now());
            ids.add(cases.saveAndFlush(c).getId());
        }
        CountDownLatch start = new CountDownLatch(1);

        // when: all six are calculated at once (the ones the cap leaves nothing end NOT_ELIGIBLE)
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (UUID id : ids) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        worker.calculateSubsidy(id.toString());
                    } catch (RuntimeException notEligible) {
                        // the BPMN error NOT_ELIGIBLE
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            pool.shutdown();
        }

        // then
        List<BigDecimal> amounts = ids.stream().map(id -> cases.findById(id).orElseThrow().getCalculatedAmount())
                .filter(Objects::nonNull).toList();
        assertThat(amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("5000000.00");
        assertThat(amounts).filteredOn(a -> a.signum() > 0).containsExactly(new BigDecimal("5000000.00"));
    }
}
