package cn.grants.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Process owners change models, not code: no task handler, worker, domain service or page names a BPMN element id
 * (what a step does hangs on its form or job type), so renaming or reusing a step in Camunda Modeler cannot silently
 * change what is recorded. The one exception is the development engine's restart recovery, which re-creates
 * instances at the steps of the shipped models ({@code api/recovery}).
 */
class ElementIdContractTest {

    static final Pattern ELEMENT_ID = Pattern.compile(
            "[\"'](UserTask|ServiceTask|Event|Gateway|End|StartEvent|SubProcess|CallActivity|Flow)_[A-Za-z0-9]+[\"']");

    @Test
    void shouldKeyNoHandlerWorkerServiceOrPageOnAnElementId() throws IOException {
        // given the product's code and pages
        List<Path> roots = List.of(Path.of("src/main/java"), Path.of("src/main/resources/static"),
                Path.of("../workers/src/main/java"), Path.of("../domain/src/main/java"));
        List<String> found = new ArrayList<>();

        // when every string literal is searched for an element id
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".js"))
                        .filter(f -> !f.toString().replace('\\', '/').contains("cn/grants/api/recovery/"))
                        .forEach(f -> {
                            Matcher m = ELEMENT_ID.matcher(read(f));
                            while (m.find()) {
                                found.add(f + ": " + m.group());
                            }
                        });
            }
        }

        // then there is none
        assertThat(found).as("element ids named in code or pages (key on the form or job type instead)").isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
