package cn.grants.api.measures;

import cn.grants.api.problems.ApiException;
import cn.grants.domain.catalogue.Calculation;
import cn.grants.domain.catalogue.InputSpec;
import cn.grants.domain.catalogue.Measure;
import cn.grants.domain.catalogue.Eligibility;
import cn.grants.domain.catalogue.PolicyCatalogue;
import cn.grants.domain.catalogue.Rule;
import cn.grants.domain.catalogue.SubsidyCalculator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The policy catalogue and quotes (open to everyone: it is public policy). */
@RestController
@RequestMapping("/api/measures")
public class MeasureController {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MeasureView(String id, String name, String nameEn, Map<String, String> source, String quote,
            String mode, boolean auditRequired, boolean cash, List<String> units, List<String> clusters,
            List<InputSpec> inputs, Rule rule, LocalDate validFrom, LocalDate validUntil, String catalogueVersion,
            String determination, String batchCut, cn.grants.domain.catalogue.CumulativeCap cumulativeCap,
            List<Eligibility.Condition> conditions) {
        static MeasureView of(Measure m, String version, List<Eligibility.Condition> conditions) {
            return new MeasureView(m.id(), m.name(), m.nameEn(), Map.of("document", m.source().document(), "title",
                    m.source().title(), "clause", m.source().clause(), "version", m.source().version(),
                    "status", m.source().status().name()), m.quote(), m.mode().name(), m.auditRequired(),
                    m.rule().cash(), m.units(), m.clusters(), m.inputs(), m.rule(), m.validFrom(), m.validUntil(),
                    version, m.determination().name(), m.batchCut().name(), m.cumulativeCap(), conditions);
        }
    }

    public record QuoteRequest(Map<String, Object> inputs) {
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record QuoteView(String amount, boolean capped, List<Map<String, Object>> schedule, String explanation,
            boolean cash, String catalogueVersion) {
    }

    private final PolicyCatalogue catalogue;
    private final Eligibility eligibility;

    public MeasureController(PolicyCatalogue catalogue, Eligibility eligibility) {
        this.eligibility = eligibility;
        this.catalogue = catalogue;
    }

    @GetMapping
    public List<MeasureView> list(@RequestParam(required = false) String document,
            @RequestParam(required = false) String cluster, @RequestParam(required = false) String mode) {
        return catalogue.measures().stream()
                .filter(m -> document == null || m.source().document().equals(document)
                        || m.source().document().startsWith(document))
                .filter(m -> cluster == null || m.clusters().contains(cluster))
                .filter(m -> mode == null || m.mode().name().equals(mode))
                .map(m -> MeasureView.of(m, catalogue.version(), eligibility.of(m.id()))).toList();
    }

    @GetMapping("/{id}")
    public MeasureView get(@PathVariable String id) {
        return MeasureView.of(find(id), catalogue.version(), eligibility.of(id));
    }

    @PostMapping("/{id}/quote")
    public QuoteView quote(@PathVariable String id, @RequestBody(required = false) QuoteRequest request) {
        Measure measure = find(id);
        Calculation c = SubsidyCalculator.calculate(measure, request == null ? Map.of() : request.inputs(), null);
        return new QuoteView(c.amount().toPlainString(), c.capped(), c.schedule().stream()
                .map(y -> Map.<String, Object>of("year", y.year(), "amount", y.amount().toPlainString())).toList(),
                c.explanation(), c.cash(), catalogue.version());
    }

    private Measure find(String id) {
        return catalogue.find(id).orElseThrow(() -> ApiException.notFound("measure " + id));
    }
}
