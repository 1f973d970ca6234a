package cn.grants.api.cases;

import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.TimelineRepository;
import cn.grants.domain.catalogue.PolicyCatalogue;
import cn.grants.domain.documents.CaseDocumentRepository;
import cn.grants.domain.experts.ExpertDrawService;
import cn.grants.domain.objections.ObjectionRepository;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;
import cn.grants.domain.payouts.PayoutRepository;
import cn.grants.domain.payouts.TrancheRepository;
import cn.grants.domain.tasks.InboxTask;
import cn.grants.domain.tasks.InboxTaskRepository;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/cases")
public class CaseController {

    private final CaseService service;
    private final PolicyCatalogue catalogue;
    private final TimelineRepository timeline;
    private final CaseDocumentRepository documents;
    private final PayoutRepository payouts;
    private final InboxTaskRepository tasks;
    private final TrancheRepository tranches;
    private final ObjectionRepository objections;
    private final ExpertDrawService draws;

    public CaseController(CaseService service, PolicyCatalogue catalogue, TimelineRepository timeline,
            CaseDocumentRepository documents, PayoutRepository payouts, InboxTaskRepository tasks,
            TrancheRepository tranches, ObjectionRepository objections, ExpertDrawService draws) {
        this.tranches = tranches;
        this.draws = draws;
        this.objections = objections;
        this.service = service;
        this.catalogue = catalogue;
        this.timeline = timeline;
        this.documents = documents;
        this.payouts = payouts;
        this.tasks = tasks;
    }

    @PostMapping
    public ResponseEntity<CaseView> create(@Valid @RequestBody CaseRequests.CreateCase request, Authentication user) {
        GrantCase created = service.create(request, user);
        return ResponseEntity.created(URI.create("/api/cases/" + created.getId())).body(view(created));
    }

    @GetMapping
    public List<CaseView> list(Authentication user) {
        return service.list(user).stream().map(this::view).toList();
    }

    @GetMapping("/{id}")
    public CaseView get(@PathVariable UUID id, Authentication user) {
        return view(service.visible(id, user));
    }

    @PostMapping("/{id}/submit")
    public CaseView submit(@PathVariable UUID id, Authentication user) {
        return view(service.submit(id, user));
    }

    /** The expert draw of a case (officers): who was drawn for each slot and attempt, and who was excluded why. */
    @GetMapping("/{id}/experts")
    @PreAuthorize("hasAnyRole('OFFICER', 'PROCESS_OWNER')")
    public List<Map<String, Object>> experts(@PathVariable UUID id, Authentication user) {
        service.visible(id, user);
        return draws.draws(id).stream().map(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("slot", d.getSlot());
            m.put("attempt", d.getAttempt());
            m.put("expertId", d.getExpertId());
            m.put("expertUser", d.getExpertUser());
            m.put("expertName", d.getExpertName());
            m.put("status", d.getStatus().name());
            m.put("score", d.getScore() == null ? null : d.getScore().toPlainString());
            m.put("drawnAt", d.getDrawnAt());
            m.put("exclusions", d.getExclusions().stream()
                    .map(e -> Map.of("expertId", e.expertId(), "reason", e.reason())).toList());
            return m;
        }).toList();
    }

    CaseView view(GrantCase c) {
        return CaseView.of(c, catalogue.find(c.getMeasureId()).orElse(null), timeline.findByCaseIdOrderByIdAsc(c.getId()),
                documents.findByCaseIdOrderByUploadedAtAsc(c.getId()), payouts.findByCaseIdOrderByTrancheAsc(c.getId()),
                tasks.findByCaseIdOrderByCreatedAtAsc(c.getId()).stream()
                        .filter(t -> t.getStatus() == InboxTask.Status.OPEN).toList(),
                tranches.findByCaseIdOrderByNumber(c.getId()), objections.findByCaseIdOrderByReceivedAt(c.getId()));
    }
}
