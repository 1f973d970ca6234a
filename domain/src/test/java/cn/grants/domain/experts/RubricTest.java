package cn.grants.domain.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

class RubricTest {

    final Rubric rubric = Rubric.load(new ClassPathResource("experts/rubric.yaml"));

    static Map<String, Object> scores(Object technology, Object market, Object plan, Object finance, Object team) {
        Map<String, Object> scores = new LinkedHashMap<>();
        scores.put("TECHNOLOGY", technology);
        scores.put("MARKET", market);
        scores.put("PLAN", plan);
        scores.put("FINANCE", finance);
        scores.put("TEAM", team);
        return scores;
    }

    static ByteArrayResource yaml(String text) {
        return new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8), "test rubric");
    }

    static void assertInvalid(ThrowingCallable call, String field, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidScoreException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).startsWith(field + " ").contains(message);
        });
    }

    @Test
    void shouldLoadTheFiveWeightedCriteriaOfTheShippedRubric() {
        // then
        assertThat(rubric.criteria()).extracting(Rubric.Criterion::id)
                .containsExactly("TECHNOLOGY", "MARKET", "PLAN", "FINANCE", "TEAM");
        assertThat(rubric.criteria()).extracting(Rubric.Criterion::weight).containsExactly(new BigDecimal("0.30"),
                new BigDecimal("0.25"), new BigDecimal("0.20"), new BigDecimal("0.15"), new BigDecimal("0.10"));
        assertThat(rubric.criteria().get(0).zh()).isEqualTo("技术先进性与创新性");
        assertThat(rubric.criteria()).allSatisfy(c -> assertThat(c.en()).isNotBlank());
    }

    @Test
    void shouldScoreEightyWhenEveryCriterionIsEighty() {
        // when
        BigDecimal score = rubric.score(scores(80, 80, 80, 80, 80));

        // then
        assertThat(score).isEqualTo(new BigDecimal("80.00"));
    }

    @Test
    void shouldWeightMixedScoresExactly() {
        // given: 0.30×90 + 0.25×85.5 + 0.20×70 + 0.15×60.25 + 0.10×100 = 27 + 21.375 + 14 + 9.0375 + 10 = 81.4125
        Map<String, Object> given = scores(90, new BigDecimal("85.5"), 70L, "60.25", 100);

        // when
        BigDecimal score = rubric.score(given);

        // then
        assertThat(score).isEqualTo(new BigDecimal("81.41"));
    }

    @Test
    void shouldRoundTheWeightedSumHalfUp() {
        // given: 0.25×0.02 = 0.005 exactly
        assertThat(rubric.score(scores(0, "0.02", 0, 0, 0))).isEqualTo(new BigDecimal("0.01"));
        // and: 0.30×88.15 = 26.445 (in binary floating point 26.444999…, which would round to 26.44)
        assertThat(rubric.score(scores(88.15d, 0, 0, 0, 0))).isEqualTo(new BigDecimal("26.45"));
    }

    @Test
    void shouldAcceptTheBoundsAndNumericStrings() {
        // when / then
        assertThat(rubric.score(scores(0, "0", 0.0d, " 0.00 ", 0))).isEqualTo(new BigDecimal("0.00"));
        assertThat(rubric.score(scores(100, "100", 100.0d, "100.00", new BigDecimal("1E+2"))))
                .isEqualTo(new BigDecimal("100.00"));
    }

    @Test
    void shouldNameTheMissingCriterion() {
        // given
        Map<String, Object> given = scores(80, 80, 80, 80, 80);
        given.remove("TEAM");

        // when / then
        assertInvalid(() -> rubric.score(given), "scores.TEAM", "is required");
        assertInvalid(() -> rubric.score(scores(80, 80, 80, null, 80)), "scores.FINANCE", "is required");
        assertInvalid(() -> rubric.score(scores(80, "  ", 80, 80, 80)), "scores.MARKET", "is required");
    }

    @Test
    void shouldRequireTheScores() {
        assertInvalid(() -> rubric.score(null), "scores", "is required");
    }

    @Test
    void shouldRejectACriterionTheRubricDoesNotHave() {
        // given
        Map<String, Object> given = scores(80, 80, 80, 80, 80);
        given.put("INNOVATION", 90);

        // when / then
        assertInvalid(() -> rubric.score(given), "scores.INNOVATION", "is not a criterion of the rubric");
    }

    @Test
    void shouldRejectScoresOutsideZeroToHundred() {
        assertInvalid(() -> rubric.score(scores(80, "100.01", 80, 80, 80)), "scores.MARKET", "from 0 to 100");
        assertInvalid(() -> rubric.score(scores(80, 80, -1, 80, 80)), "scores.PLAN", "from 0 to 100");
        assertInvalid(() -> rubric.score(scores(80, 80, 80, 80, 101.5d)), "scores.TEAM", "from 0 to 100");
    }

    @Test
    void shouldRejectMoreThanTwoDecimals() {
        assertInvalid(() -> rubric.score(scores(80, 80, "80.125", 80, 80)), "scores.PLAN", "more than 2 decimals");
        assertInvalid(() -> rubric.score(scores(80.001d, 80, 80, 80, 80)), "scores.TECHNOLOGY",
                "more than 2 decimals");
        // trailing zeros are not decimals
        assertThat(rubric.score(scores("80.5000", 80, 80, 80, 80))).isEqualTo(new BigDecimal("80.15"));
    }

    @Test
    void shouldRejectWhatIsNotANumber() {
        assertInvalid(() -> rubric.score(scores(80, "eighty", 80, 80, 80)), "scores.MARKET", "is not a number");
        assertInvalid(() -> rubric.score(scores(80, 80, 80, Double.NaN, 80)), "scores.FINANCE", "is not a number");
        assertInvalid(() -> rubric.score(scores(true, 80, 80, 80, 80)), "scores.TECHNOLOGY", "must be a number");
    }

    @Test
    void shouldFailLoadingWhenTheWeightsDoNotSumToOne() {
        // given
        ByteArrayResource file = yaml("""
                criteria:
                  - {id: TECHNOLOGY, zh: 技术先进性与创新性, en: Technology, weight: 0.30}
                  - {id: MARKET, zh: 产业化前景与市场, en: Market, weight: 0.25}
                  - {id: PLAN, zh: 实施方案与进度, en: Plan, weight: 0.20}
                  - {id: FINANCE, zh: 财务状况与投资, en: Finance, weight: 0.15}
                  - {id: TEAM, zh: 团队与管理, en: Team, weight: 0.05}
                """);

        // when / then
        assertThatThrownBy(() -> Rubric.load(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the weights sum to 0.95, not 1.00");
    }

    @Test
    void shouldFailLoadingWhenTheWeightsExceedOneByAHundredth() {
        // given
        ByteArrayResource file = yaml("""
                criteria:
                  - {id: TECHNOLOGY, zh: 技术, en: Technology, weight: 0.51}
                  - {id: MARKET, zh: 市场, en: Market, weight: 0.50}
                """);

        // when / then
        assertThatThrownBy(() -> Rubric.load(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1.01");
    }

    @Test
    void shouldFailLoadingACriterionIdThatIsNotUpperSnakeCase() {
        // given
        ByteArrayResource file = yaml("""
                criteria:
                  - {id: technology, zh: 技术, en: Technology, weight: 1.00}
                """);

        // when / then
        assertThatThrownBy(() -> Rubric.load(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'technology' is not UPPER_SNAKE_CASE");
    }

    @Test
    void shouldFailLoadingADuplicateCriterion() {
        // given
        ByteArrayResource file = yaml("""
                criteria:
                  - {id: TEAM_AND_MANAGEMENT, zh: 团队, en: Team, weight: 0.50}
                  - {id: TEAM_AND_MANAGEMENT, zh: 管理, en: Management, weight: 0.50}
                """);

        // when / then
        assertThatThrownBy(() -> Rubric.load(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("criterion TEAM_AND_MANAGEMENT appears twice");
    }
}
