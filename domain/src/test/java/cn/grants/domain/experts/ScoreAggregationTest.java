package cn.grants.domain.experts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreAggregationTest {

    static List<BigDecimal> scores(String... values) {
        return Arrays.stream(values).map(BigDecimal::new).toList();
    }

    @Test
    void shouldAverageAllScoresWhenThereAreFewerThanFive() {
        // given
        List<BigDecimal> given = scores("80.00", "85.00", "90.50");

        // when
        ScoreAggregation.Result result = ScoreAggregation.aggregate(given);

        // then: 255.50 / 3 = 85.1666…
        assertThat(result.score()).isEqualTo(new BigDecimal("85.17"));
        assertThat(result.counted()).isEqualTo(given);
        assertThat(result.dropped()).isEmpty();
    }

    @Test
    void shouldKeepAnOutlierWhenThereAreOnlyFourScores() {
        // when
        ScoreAggregation.Result result = ScoreAggregation.aggregate(scores("10", "90", "90", "90"));

        // then
        assertThat(result.score()).isEqualTo(new BigDecimal("70.00"));
        assertThat(result.dropped()).isEmpty();
    }

    @Test
    void shouldDropTheHighestAndTheLowestOfFiveScores() {
        // given
        List<BigDecimal> given = scores("70.00", "95.00", "80.00", "85.00", "60.00");

        // when
        ScoreAggregation.Result result = ScoreAggregation.aggregate(given);

        // then: (70 + 80 + 85) / 3 = 78.333…
        assertThat(result.dropped()).containsExactly(new BigDecimal("60.00"), new BigDecimal("95.00"));
        assertThat(result.counted()).containsExactly(new BigDecimal("70.00"), new BigDecimal("80.00"),
                new BigDecimal("85.00"));
        assertThat(result.score()).isEqualTo(new BigDecimal("78.33"));
    }

    @Test
    void shouldDropOnlyOneOfTiedHighestAndLowestScores() {
        // given
        List<BigDecimal> given = scores("90.00", "70.00", "80.00", "90.00", "70.00", "75.50");

        // when
        ScoreAggregation.Result result = ScoreAggregation.aggregate(given);

        // then: (90 + 80 + 70 + 75.50) / 4 = 78.875
        assertThat(result.dropped()).containsExactly(new BigDecimal("70.00"), new BigDecimal("90.00"));
        assertThat(result.counted()).containsExactly(new BigDecimal("80.00"), new BigDecimal("90.00"),
                new BigDecimal("70.00"), new BigDecimal("75.50"));
        assertThat(result.score()).isEqualTo(new BigDecimal("78.88"));
    }

    @Test
    void shouldDropTwoScoresEvenWhenAllAreEqual() {
        // when
        ScoreAggregation.Result result = ScoreAggregation.aggregate(scores("80", "80.00", "80.0", "80", "80"));

        // then
        assertThat(result.counted()).hasSize(3);
        assertThat(result.dropped()).hasSize(2);
        assertThat(result.score()).isEqualTo(new BigDecimal("80.00"));
    }

    @Test
    void shouldRoundTheMeanHalfUp() {
        // 80.00 + 80.01 = 160.01, / 2 = 80.005
        assertThat(ScoreAggregation.aggregate(scores("80.00", "80.01")).score()).isEqualTo(new BigDecimal("80.01"));
        // 0.01 + 0.02 + 0.02 + 0.02 + 0.02 + 0.04 → (0.02 × 4) / 4
        assertThat(ScoreAggregation.aggregate(scores("0.01", "0.02", "0.02", "0.02", "0.02", "0.04")).score())
                .isEqualTo(new BigDecimal("0.02"));
    }

    @Test
    void shouldRefuseToAggregateNoScores() {
        assertThatThrownBy(() -> ScoreAggregation.aggregate(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no scores");
        assertThatThrownBy(() -> ScoreAggregation.aggregate(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScoreAggregation.aggregate(Arrays.asList(new BigDecimal("80"), null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing");
    }
}
