package cn.grants.domain.experts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The panel's score of a case from its experts' scores: with {@value #TRIM_FROM} or more scores exactly one highest
 * and one lowest are dropped (去掉一个最高分和一个最低分) and the rest averaged; with fewer, all are averaged. The
 * mean is rounded half up to two decimals.
 */
public final class ScoreAggregation {

    /** From this many scores on, the highest and the lowest are dropped. */
    public static final int TRIM_FROM = 5;
    public static final int SCALE = 2;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    /**
     * @param score   the mean of the counted scores
     * @param counted the scores averaged, in the order given
     * @param dropped the lowest and the highest score when trimmed (in that order), else empty
     */
    public record Result(BigDecimal score, List<BigDecimal> counted, List<BigDecimal> dropped) {

        public Result {
            counted = List.copyOf(counted);
            dropped = List.copyOf(dropped);
        }
    }

    private ScoreAggregation() {
    }

    /** @throws IllegalArgumentException when there are no scores or one is missing */
    public static Result aggregate(List<BigDecimal> scores) {
        if (scores == null || scores.isEmpty()) {
            throw new IllegalArgumentException("no scores to aggregate");
        }
        if (scores.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("a score is missing: " + scores);
        }
        List<BigDecimal> counted = new ArrayList<>(scores);
        List<BigDecimal> dropped = new ArrayList<>();
        if (scores.size() >= TRIM_FROM) {
            // one occurrence each, even when several experts gave the same highest or lowest score
            int lowest = 0;
            for (int i = 1; i < counted.size(); i++) {
                if (counted.get(i).compareTo(counted.get(lowest)) < 0) {
                    lowest = i;
                }
            }
            dropped.add(counted.remove(lowest));
            int highest = 0;
            for (int i = 1; i < counted.size(); i++) {
                if (counted.get(i).compareTo(counted.get(highest)) > 0) {
                    highest = i;
                }
            }
            dropped.add(counted.remove(highest));
        }
        BigDecimal sum = counted.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal mean = sum.divide(BigDecimal.valueOf(counted.size()), SCALE, ROUNDING);
        return new Result(mean, counted, dropped);
    }
}
