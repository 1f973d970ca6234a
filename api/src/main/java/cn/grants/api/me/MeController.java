package cn.grants.api.me;

import cn.grants.api.security.Roles;

import cn.grants.api.tasks.FinanceLimits;
import cn.grants.domain.experts.Rubric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is signed in and with which roles: the pages show each user the menu of their roles. */
@RestController
public class MeController {

    private final FinanceLimits limits;
    private final Rubric rubric;

    public MeController(FinanceLimits limits, Rubric rubric) {
        this.limits = limits;
        this.rubric = rubric;
    }

    @GetMapping("/api/me")
    public Map<String, Object> me(Authentication user) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("user", user.getName());
        me.put("roles", List.copyOf(Roles.roles(user)));
        if (Roles.roles(user).contains(Roles.FINANCE)) {
            me.put("financeLimit", limits.of(user.getName()).toPlainString());
        }
        return me;
    }

    /** The expert review rubric: the criteria and their weights. */
    @GetMapping("/api/rubric")
    public List<Rubric.Criterion> rubric() {
        return rubric.criteria();
    }
}
