package cn.grants.domain.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every cash entry of the catalogue against amounts derived independently from its seed's own wording
 * ({@code catalogue-expectations.csv}): below, at and above each cap, every tier, three contracts, per-unit caps and
 * multi-year schedules. A row whose note starts with {@code DATA-MISMATCH:} records what the seed says where the
 * catalogue data disagrees; it is skipped until the data is fixed.
 */
class CatalogueExpectationsTest {

    private static final String CSV = "/catalogue-expectations.csv";
    private static final String MISMATCH = "DATA-MISMATCH";
    private static final Pattern SCHEDULE = Pattern.compile("schedule=([0-9.:;]+)");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    static PolicyCatalogue catalogue;

    @BeforeAll
    static void load() throws IOException {
        catalogue = PolicyCatalogue.load(Arrays.asList(new PathMatchingResourcePatternResolver()
                .getResources("classpath*:catalogue/*.yaml")), LocalDate.of(2023, 1, 1));
    }

    @ParameterizedTest(name = "{0} {1} -> {2} capped={3} ({4})")
    @CsvFileSource(resources = CSV, numLinesToSkip = 1)
    void shouldComputeWhatTheSeedSays(String measureId, String inputs, String expectedAmount, boolean capped,
            String note) throws IOException {
        // given: a row derived from the seed, unless it documents known-wrong catalogue data
        Assumptions.assumeFalse(note.startsWith(MISMATCH), () -> "catalogue data contradicts the seed: " + note);
        Measure measure = catalogue.find(measureId)
                .orElseThrow(() -> new AssertionError("no catalogue entry " + measureId));
        Map<String, Object> raw = JSON.readValue(inputs, new TypeReference<Map<String, Object>>() { });

        // when
        Calculation c = SubsidyCalculator.calculate(measure, raw, null);

        // then
        assertThat(c.cash()).as("%s pays cash", measureId).isTrue();
        assertThat(c.amount()).as("amount of %s for %s (%s); engine says: %s", measureId, inputs, note,
                c.explanation()).isEqualByComparingTo(expectedAmount);
        assertThat(c.amount().scale()).as("amount of %s is yuan with 2 decimals", measureId).isEqualTo(2);
        assertThat(c.capped()).as("capped of %s for %s (%s); engine says: %s", measureId, inputs, note,
                c.explanation()).isEqualTo(capped);
        List<String> expectedSchedule = schedule(note);
        if (expectedSchedule != null) {
            assertThat(c.schedule().stream().map(y -> y.year() + ":" + y.amount().setScale(2).toPlainString()))
                    .as("yearly schedule of %s for %s; engine says: %s", measureId, inputs, c.explanation())
                    .containsExactlyElementsOf(expectedSchedule);
            assertThat(c.schedule().stream().map(Calculation.YearAmount::amount).reduce(BigDecimal.ZERO,
                    BigDecimal::add)).as("schedule of %s adds up to the amount", measureId)
                    .isEqualByComparingTo(c.amount());
        } else {
            assertThat(measure.rule()).as("a multi-year row of %s must give its schedule in the note", measureId)
                    .isNotInstanceOf(Rules.MultiYear.class);
        }
    }

    @Test
    void shouldHaveSeedExpectationsForEveryCashEntryAndEveryTier() throws IOException {
        // given
        List<List<String>> rows = csvRows();
        Set<String> ids = new LinkedHashSet<>();
        Set<String> tiers = new LinkedHashSet<>();
        for (List<String> row : rows) {
            ids.add(row.get(0));
            Object tier = JSON.readValue(row.get(1), new TypeReference<Map<String, Object>>() { }).get("TIER");
            if (tier != null) {
                tiers.add(row.get(0) + "/" + tier);
            }
        }

        // when
        List<String> cashWithoutRows = new ArrayList<>();
        List<String> tiersWithoutRows = new ArrayList<>();
        for (Measure m : catalogue.measures()) {
            if (!m.rule().cash()) {
                continue;
            }
            if (!ids.contains(m.id())) {
                cashWithoutRows.add(m.id());
            }
            if (m.rule() instanceof Rules.Tiered tiered) {
                tiered.tiers().stream().map(t -> m.id() + "/" + t.code()).filter(t -> !tiers.contains(t))
                        .forEach(tiersWithoutRows::add);
            }
        }
        List<String> rowsForNoCashEntry = ids.stream()
                .filter(id -> catalogue.find(id).map(m -> !m.rule().cash()).orElse(true)).toList();

        // then
        assertThat(rows).as("expectation rows").isNotEmpty();
        assertThat(cashWithoutRows).as("cash entries without any seed expectation row").isEmpty();
        assertThat(tiersWithoutRows).as("tiers without a seed expectation row").isEmpty();
        assertThat(rowsForNoCashEntry).as("rows naming no cash entry of the catalogue").isEmpty();
    }

    /** The yearly amounts written in a note as {@code schedule=1:15000000.00;2:...}, or null. */
    private static List<String> schedule(String note) {
        Matcher m = SCHEDULE.matcher(note);
        if (!m.find()) {
            return null;
        }
        return Arrays.stream(m.group(1).split(";")).map(String::trim).filter(s -> !s.isEmpty()).map(s -> {
            String[] parts = s.split(":");
            return Integer.parseInt(parts[0]) + ":" + new BigDecimal(parts[1]).setScale(2).toPlainString();
        }).toList();
    }

    /** The data rows of the CSV (header skipped), each split into fields with "" as an escaped quote. */
    private static List<List<String>> csvRows() throws IOException {
        String text;
        try (InputStream in = CatalogueExpectationsTest.class.getResourceAsStream(CSV)) {
            assertThat(in).as(CSV).isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        for (String line : lines.subList(1, lines.size())) {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted && ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = !quoted;
                } else if (ch == ',' && !quoted) {
                    fields.add(field.toString().trim());
                    field.setLength(0);
                } else {
                    field.append(ch);
                }
            }
            fields.add(field.toString().trim());
            assertThat(fields).as("CSV row %s", line).hasSize(5);
            rows.add(fields);
        }
        return rows;
    }
}
