package cn.grants.domain.experts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ExpertsConfigurationTest {

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(ExpertsConfiguration.class);

    @TempDir
    Path dir;

    @Test
    void shouldLoadTheDemoPoolAndRubricByDefaultAndDrawWithSecureRandomness() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ExpertPool.class).experts()).hasSize(8);
            assertThat(context.getBean(Rubric.class).criteria()).hasSize(5);
            assertThat(context.getBean(RandomGenerator.class)).isInstanceOf(SecureRandom.class);
        });
    }

    @Test
    void shouldReadThePoolFromTheConfiguredLocation() throws IOException {
        // given
        Path pool = dir.resolve("pool.yaml");
        Files.writeString(pool, """
                experts:
                  - id: EXP-101
                    user: reviewer
                    name: 赵六
                    specialty: 海洋工程 / Marine engineering
                    employer: 深圳大学
                    employerCreditCode: 12440300MB2C00302B
                """, StandardCharsets.UTF_8);

        // when / then
        runner.withPropertyValues("grants.experts.pool-location=file:" + pool).run(context ->
                assertThat(context.getBean(ExpertPool.class).experts()).extracting(Expert::user)
                        .containsExactly("reviewer"));
    }

    @Test
    void shouldFailTheStartWhenTheRubricWeightsDoNotSumToOne() throws IOException {
        // given
        Path rubric = dir.resolve("rubric.yaml");
        Files.writeString(rubric, """
                criteria:
                  - {id: TECHNOLOGY, zh: 技术, en: Technology, weight: 0.60}
                  - {id: MARKET, zh: 市场, en: Market, weight: 0.60}
                """, StandardCharsets.UTF_8);

        // when / then
        runner.withPropertyValues("grants.experts.rubric-location=file:" + rubric).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("the weights sum to 1.20");
        });
    }

    @Test
    void shouldFailTheStartWhenThePoolFileIsMissing() {
        runner.withPropertyValues("grants.experts.pool-location=file:" + dir.resolve("absent.yaml")).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("no file at file:");
        });
    }

    @Test
    void shouldKeepARandomGeneratorDefinedElsewhere() {
        runner.withBean(RandomGenerator.class, () -> new Random(42)).run(context ->
                assertThat(context.getBean(RandomGenerator.class)).isInstanceOf(Random.class)
                        .isNotInstanceOf(SecureRandom.class));
    }
}
