package cn.grants.api.cases;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;

/** Request bodies of the case API. */
public final class CaseRequests {

    private CaseRequests() {
    }

    public record CreateCase(
            @NotNull UUID roundId,
            @NotBlank String measureId,
            @NotNull @Valid Applicant applicant,
            @NotNull @Valid Project project,
            @NotNull @Valid Payee payee,
            Map<String, Object> inputs,
            Map<String, Object> eligibility) {

        /**
         * {@code eligibility}: the applicant's answer per condition of the measure (GET /api/measures lists them):
         * {@code true} for a declaration, a figure or count, {@code {"from": …, "to": …}} for two dates.
         */
        public CreateCase(UUID roundId, String measureId, Applicant applicant, Project project, Payee payee,
                Map<String, Object> inputs) {
            this(roundId, measureId, applicant, project, payee, inputs, null);
        }
    }

    /** No control characters: the payee's name and bank go into the bank's payment file (pain.001) as they are. */
    static final String PRINTABLE = "[^\\p{Cntrl}\\x{FFFE}\\x{FFFF}]*";
    static final String PRINTABLE_MESSAGE = "must not contain control characters";

    /** The account the grant is paid to (收款账户): name, account number, bank and its CNAPS code (12 digits). */
    public record Payee(@NotBlank @Size(max = 140) @Pattern(regexp = PRINTABLE, message = PRINTABLE_MESSAGE)
            String accountName,
            @NotBlank @Pattern(regexp = "[0-9A-Za-z-]{6,34}", message = "must be 6 to 34 digits or letters") String account,
            @NotBlank @Size(max = 140) @Pattern(regexp = PRINTABLE, message = PRINTABLE_MESSAGE) String bank,
            @Pattern(regexp = "[0-9]{12}", message = "must be the 12-digit CNAPS code (联行号)") String bankCode) {
    }

    public record Applicant(@NotBlank @Size(max = 200) String name, @NotBlank String creditCode) {
    }

    /**
     * The project; {@code subject} names the thing funded when the title does not (a product and its model, a
     * platform, a park): measures of one overlap group fund each thing once.
     */
    public record Project(@NotBlank @Size(max = 300) String title,
            @Size(max = 300) @Pattern(regexp = PRINTABLE, message = PRINTABLE_MESSAGE) String subject) {

        public Project(String title) {
            this(title, null);
        }
    }
}
