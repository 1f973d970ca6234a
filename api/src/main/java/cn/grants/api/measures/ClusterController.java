package cn.grants.api.measures;

import cn.grants.api.problems.ApiException;
import cn.grants.domain.catalogue.ClusterReference;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The industry clusters and their cited targets (public reference data for reporting). */
@RestController
@RequestMapping("/api/clusters")
public class ClusterController {

    private final ClusterReference reference;

    public ClusterController(ClusterReference reference) {
        this.reference = reference;
    }

    @GetMapping
    public List<ClusterReference.Cluster> list() {
        return reference.clusters();
    }

    /** Sector-wide targets (a whole sector of a city or province, wider than any cluster), each recorded once. */
    @GetMapping("/sectors")
    public List<ClusterReference.Sector> sectors() {
        return reference.sectors();
    }

    @GetMapping("/{code}")
    public ClusterReference.Cluster get(@PathVariable String code) {
        return reference.find(code).orElseThrow(() -> ApiException.notFound("cluster " + code));
    }
}
