package cn.grants.domain.experts;

import cn.grants.domain.money.Decimals;
import cn.grants.domain.money.InvalidAmountException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;

/**
 * The expert review rubric (评分表): weighted criteria, each scored 0 to 100. An expert's score is the weighted sum
 * of their criterion scores, rounded half up to two decimals. All arithmetic is decimal: a score given as a JSON
 * number is read from its decimal text, never computed in binary floating point.
 */
public final class Rubric {

    public static final int SCALE = 2;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;
    public static final BigDecimal MAX_SCORE = new BigDecimal("100");

    private static final Pattern ID = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");

    /** One criterion: an UPPER_SNAKE id, its Chinese and English names and its weight (the weights sum to 1). */
    public record Criterion(String id, String zh, String en, BigDecimal weight) {
    }

    /** The file's shape. */
    record File(List<Criterion> criteria) {
    }

    private final List<Criterion> criteria;
    private final List<String> ids;

    private Rubric(List<Criterion> criteria) {
        this.criteria = criteria;
        this.ids = criteria.stream().map(Criterion::id).toList();
    }

    /** Reads and checks a rubric file; {@link IllegalStateException} says what is wrong, e.g. weights not summing to 1. */
    public static Rubric load(Resource resource) {
        String source = resource.getDescription();
        File file;
        try (InputStream in = resource.getInputStream()) {
            file = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readValue(in, File.class);
        } catch (IOException e) {
            throw new IllegalStateException("rubric " + source + " cannot be read: " + e.getMessage(), e);
        }
        if (file == null || file.criteria() == null || file.criteria().isEmpty()) {
            throw new IllegalStateException("rubric " + source + " has no criteria");
        }
        Set<String> seen = new HashSet<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Criterion c : file.criteria()) {
            if (c == null || c.id() == null || !ID.matcher(c.id()).matches()) {
                throw new IllegalStateException("rubric " + source + ": criterion id "
                        + (c == null ? null : "'" + c.id() + "'") + " is not UPPER_SNAKE_CASE");
            }
            String at = "rubric " + source + ": criterion " + c.id();
            if (!seen.add(c.id())) {
                throw new IllegalStateException(at + " appears twice");
            }
            if (c.zh() == null || c.zh().isBlank() || c.en() == null || c.en().isBlank()) {
                throw new IllegalStateException(at + " needs a Chinese (zh) and an English (en) name");
            }
            if (c.weight() == null || c.weight().signum() <= 0 || c.weight().compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalStateException(at + " needs a weight above 0 and at most 1, not " + c.weight());
            }
            total = total.add(c.weight());
        }
        if (total.compareTo(BigDecimal.ONE) != 0) {
            throw new IllegalStateException("rubric " + source + ": the weights sum to " + total.toPlainString()
                    + ", not 1.00");
        }
        return new Rubric(List.copyOf(file.criteria()));
    }

    /** The criteria in file order. */
    public List<Criterion> criteria() {
        return criteria;
    }

    /**
     * The weighted score of one expert.
     *
     * @param criteriaScores every criterion's score by criterion id, each a number (or numeric string) from 0 to
     *                       100 with at most two decimals, and nothing else
     * @return the weighted sum, two decimals, rounded half up
     * @throws InvalidScoreException naming {@code scores} or {@code scores.<CRITERION>}
     */
    public BigDecimal score(Map<String, ?> criteriaScores) {
        if (criteriaScores == null) {
            throw new InvalidScoreException("scores", "is required");
        }
        Set<String> unknown = new TreeSet<>();
        for (Object key : criteriaScores.keySet()) {
            if (!(key instanceof String id) || !ids.contains(id)) {
                unknown.add(String.valueOf(key));
            }
        }
        if (!unknown.isEmpty()) {
            String first = unknown.iterator().next();
            throw new InvalidScoreException("scores." + first, "is not a criterion of the rubric (criteria: "
                    + String.join(", ", ids) + ")");
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (Criterion c : criteria) {
            BigDecimal value = parse("scores." + c.id(), criteriaScores.get(c.id()));
            sum = sum.add(c.weight().multiply(value));
        }
        return sum.setScale(SCALE, ROUNDING);
    }

    /** One criterion score: 0..100, at most two decimals, from a Number or a numeric String, bounded first. */
    static BigDecimal parse(String field, Object raw) {
        BigDecimal value;
        try {
            value = Decimals.parse(field, raw, 3, SCALE);
        } catch (InvalidAmountException e) {
            throw new InvalidScoreException(field, e.reason().equals("must not be negative")
                    ? "must be from 0 to 100, not a negative number" : e.reason());
        }
        if (value.compareTo(MAX_SCORE) > 0) {
            throw new InvalidScoreException(field, "must be from 0 to 100, not " + value.toPlainString());
        }
        return value;
    }
}
