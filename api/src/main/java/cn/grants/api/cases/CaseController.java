package cn.grants.api.cases;

import cn.grants.domain.cases.GrantCase;
import cn.grants.domain.cases.TimelineRepository;
import cn.grants.domain.catalogue.PolicyCatalogue;
import cn.grants.domain.documents.CaseDocumentRepository;
import cn.grants.domain.payouts.PayoutRepository;
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

    public CaseController(CaseService service, PolicyCatalogue catalogue, TimelineRepository timeline,
            CaseDocumentRepository documents, PayoutRepository payouts, InboxTaskRepository tasks) {
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

    CaseView view(GrantCase c) {
        return CaseView.of(c, catalogue.find(c.getMeasureId()).orElse(null), timeline.findByCaseIdOrderByIdAsc(c.getId()),
                documents.findByCaseIdOrderByUploadedAtAsc(c.getId()), payouts.findByCaseIdOrderByTrancheAsc(c.getId()),
                tasks.findByCaseIdOrderByCreatedAtAsc(c.getId()).stream()
                        .filter(t -> t.getStatus() == InboxTask.Status.OPEN).toList());
    }
}
