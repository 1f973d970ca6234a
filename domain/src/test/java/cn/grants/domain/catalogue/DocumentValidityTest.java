package cn.grants.domain.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.mock.env.MockEnvironment;

/** Each policy document has its own effective day, end (有效期), draft status and version. */
class DocumentValidityTest {

    static final LocalDate DEFAULT = LocalDate.of(2023, 1, 1);

    static List<Resource> files() throws IOException {
        return Arrays.asList(new PathMatchingResourcePatternResolver().getResources("classpath*:catalogue/*.yaml"));
    }

    @Test
    void shouldCountEachDocumentsValidityFromItsOwnEffectiveDay() throws IOException {
        // given 003 issued on 1 March 2024 and 004 ended early on 30 June 2025; 000 as by default
        Map<String, PolicyDocument.Dates> dates = Map.of(
                "003", new PolicyDocument.Dates(LocalDate.of(2024, 3, 1), null),
                "004", new PolicyDocument.Dates(null, LocalDate.of(2025, 6, 30)));

        // when
        PolicyCatalogue catalogue = PolicyCatalogue.load(files(), DEFAULT, dates);

        // then each measure is valid in its own document's window (有效期5年 from the effective day)
        Measure equipment = catalogue.find("sz-equip-03-major-equipment-rd").orElseThrow();
        Measure manufacturing = catalogue.find("sz-mfg-08-technical-upgrade").orElseThrow();
        Measure materials = catalogue.find("sz-newmat-08-first-batch-materials").orElseThrow();
        assertThat(List.of(equipment.validFrom(), equipment.validUntil())).containsExactly(DEFAULT, DEFAULT.plusYears(5));
        assertThat(List.of(manufacturing.validFrom(), manufacturing.validUntil()))
                .containsExactly(LocalDate.of(2024, 3, 1), LocalDate.of(2029, 3, 1));
        assertThat(List.of(materials.validFrom(), materials.validUntil()))
                .containsExactly(DEFAULT, LocalDate.of(2025, 6, 30));
        assertThat(manufacturing.validOn(LocalDate.of(2024, 2, 29))).isFalse();
        assertThat(materials.validOn(LocalDate.of(2025, 6, 30))).isFalse();
        assertThat(equipment.validOn(LocalDate.of(2025, 6, 30))).isTrue();
    }

    @Test
    void shouldMarkEveryDocumentADraftForCommentQuotingItsEffectiveClause() throws IOException {
        PolicyCatalogue catalogue = PolicyCatalogue.load(files(), DEFAULT);
        assertThat(catalogue.documents()).hasSize(3).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(PolicyDocument.Status.DRAFT_FOR_COMMENT);
            assertThat(d.effectiveFrom()).as("the seeds print no day").isNull();
            assertThat(Files.readString(Path.of("../docs/seeds", d.document()), StandardCharsets.UTF_8))
                    .as("effective clause of %s", d.document()).contains(d.effectiveClause());
        });
        assertThat(catalogue.find("sz-newmat-08-first-batch-materials").orElseThrow().source().status())
                .isEqualTo(PolicyDocument.Status.DRAFT_FOR_COMMENT);
    }

    @Test
    void shouldVersionEachDocumentByItsOwnFile(@TempDir Path dir) throws IOException {
        // given the 000 file edited, the others as shipped
        PolicyCatalogue shipped = PolicyCatalogue.load(files(), DEFAULT);
        Path original = Path.of("src/main/resources/catalogue/000_e5efbe865db9c721.yaml");
        Path copy = Files.writeString(dir.resolve("000_e5efbe865db9c721.yaml"),
                Files.readString(original).replace("cap: \"100000000.00\"", "cap: \"50000000.00\""));
        List<Resource> edited = files().stream().filter(r -> !r.getFilename().startsWith("000"))
                .map(Resource.class::cast).collect(java.util.stream.Collectors.toList());
        edited.add(new FileSystemResource(copy));

        // when
        PolicyCatalogue changed = PolicyCatalogue.load(edited, DEFAULT);

        // then only 000's measures carry a new document version
        assertThat(changed.find("sz-equip-03-major-equipment-rd").orElseThrow().source().version())
                .hasSize(12).isNotEqualTo(shipped.find("sz-equip-03-major-equipment-rd").orElseThrow().source().version());
        assertThat(changed.find("sz-mfg-08-technical-upgrade").orElseThrow().source().version())
                .isEqualTo(shipped.find("sz-mfg-08-technical-upgrade").orElseThrow().source().version());
    }

    @Test
    void shouldReadEachDocumentsDatesFromConfiguration() {
        // given
        MockEnvironment environment = new MockEnvironment()
                .withProperty("grants.catalogue.documents.004.effective-from", "2024-01-01")
                .withProperty("grants.catalogue.documents.004.valid-until", "2026-01-01");

        // when
        PolicyCatalogue catalogue = new CatalogueConfiguration().policyCatalogue("classpath*:catalogue/*.yaml",
                DEFAULT, environment);

        // then
        Measure materials = catalogue.find("sz-newmat-08-first-batch-materials").orElseThrow();
        assertThat(List.of(materials.validFrom(), materials.validUntil()))
                .containsExactly(LocalDate.of(2024, 1, 1), LocalDate.of(2026, 1, 1));
        assertThat(catalogue.find("sz-equip-03-major-equipment-rd").orElseThrow().validFrom()).isEqualTo(DEFAULT);
    }

    @Test
    void shouldRefuseADocumentThatEndsBeforeItTakesEffect() {
        assertThatThrownBy(() -> PolicyCatalogue.load(files(), DEFAULT,
                Map.of("000", new PolicyDocument.Dates(LocalDate.of(2024, 1, 1), LocalDate.of(2023, 6, 1)))))
                .hasMessageContaining("ends (2023-06-01) before it takes effect (2024-01-01)");
    }
}
