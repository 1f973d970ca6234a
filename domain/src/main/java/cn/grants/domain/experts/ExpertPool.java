package cn.grants.domain.experts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.io.Resource;

/**
 * The expert pool (专家库), read from a YAML file ({@code experts:} list). Loading checks what the draw relies on and
 * fails with the offending expert named: unique ids and users, and well-formed unified social credit codes
 * (18 characters with the GB 32100-2015 check character) for employers and declared relations.
 */
public final class ExpertPool {

    static final int MAX_ID_LENGTH = 20;
    static final int MAX_USER_LENGTH = 100;
    static final int MAX_NAME_LENGTH = 100;

    private static final String CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /** The file's shape. */
    record File(List<Expert> experts) {
    }

    private final List<Expert> experts;

    private ExpertPool(List<Expert> experts) {
        this.experts = experts;
    }

    /** Reads and checks a pool file; {@link IllegalStateException} names the file and the expert when invalid. */
    public static ExpertPool load(Resource resource) {
        String source = resource.getDescription();
        File file;
        try (InputStream in = resource.getInputStream()) {
            file = new ObjectMapper(new YAMLFactory()).readValue(in, File.class);
        } catch (IOException e) {
            throw new IllegalStateException("expert pool " + source + " cannot be read: " + e.getMessage(), e);
        }
        if (file == null || file.experts() == null || file.experts().isEmpty()) {
            throw new IllegalStateException("expert pool " + source + " lists no experts");
        }
        Set<String> ids = new HashSet<>();
        Set<String> users = new HashSet<>();
        for (int i = 0; i < file.experts().size(); i++) {
            Expert e = file.experts().get(i);
            String at = "expert pool " + source + ": expert #" + (i + 1);
            if (e == null) {
                throw new IllegalStateException(at + " is empty");
            }
            required(at, "id", e.id(), MAX_ID_LENGTH);
            at = "expert pool " + source + ": expert " + e.id();
            required(at, "user", e.user(), MAX_USER_LENGTH);
            required(at, "name", e.name(), MAX_NAME_LENGTH);
            required(at, "specialty", e.specialty(), Integer.MAX_VALUE);
            required(at, "employer", e.employer(), Integer.MAX_VALUE);
            creditCode(at, "employerCreditCode", e.employerCreditCode());
            for (Expert.Relation r : e.relations()) {
                creditCode(at, "relation creditCode", r.creditCode());
                required(at, "relation of " + r.creditCode(), r.relation(), Integer.MAX_VALUE);
            }
            if (!ids.add(e.id())) {
                throw new IllegalStateException(at + ": id " + e.id() + " appears twice");
            }
            if (!users.add(e.user())) {
                throw new IllegalStateException(at + ": user " + e.user() + " belongs to two experts");
            }
        }
        return new ExpertPool(List.copyOf(file.experts()));
    }

    private static void required(String at, String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(at + " has no " + field);
        }
        if (!value.equals(value.strip())) {
            throw new IllegalStateException(at + ": " + field + " '" + value + "' has surrounding blanks");
        }
        if (value.length() > maxLength) {
            throw new IllegalStateException(at + ": " + field + " '" + value + "' is longer than " + maxLength
                    + " characters");
        }
    }

    private static void creditCode(String at, String field, String code) {
        if (code == null || code.length() != 18) {
            throw new IllegalStateException(at + ": " + field + " '" + code
                    + "' is not an 18-character unified social credit code");
        }
        int sum = 0;
        int weight = 1;
        for (int i = 0; i < 17; i++) {
            int value = CODE_ALPHABET.indexOf(code.charAt(i));
            if (value < 0) {
                throw new IllegalStateException(at + ": " + field + " '" + code + "' has the character '"
                        + code.charAt(i) + "', which a unified social credit code cannot contain");
            }
            sum += value * weight;
            weight = weight * 3 % 31;
        }
        char check = CODE_ALPHABET.charAt((31 - sum % 31) % 31);
        if (code.charAt(17) != check) {
            throw new IllegalStateException(at + ": " + field + " '" + code + "' has the check character '"
                    + code.charAt(17) + "', GB 32100-2015 gives '" + check + "'");
        }
    }

    /** Every expert, in file order (the order the draw's randomness indexes). */
    public List<Expert> experts() {
        return experts;
    }

    public Optional<Expert> find(String id) {
        return experts.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    public Optional<Expert> findByUser(String user) {
        return experts.stream().filter(e -> e.user().equals(user)).findFirst();
    }
}
