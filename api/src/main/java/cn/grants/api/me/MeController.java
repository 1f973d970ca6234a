package cn.grants.api.me;

import cn.grants.api.security.Roles;

import cn.grants.api.decisions.FinanceApprovalRouting;
import java.math.BigDecimal;
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

    private final FinanceApprovalRouting routing;
    private final Rubric rubric;

    public MeController(FinanceApprovalRouting routing, Rubric rubric) {
        this.routing = routing;
        this.rubric = rubric;
    }

    @GetMapping("/api/me")
    public Map<String, Object> me(Authentication user) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("user", user.getName());
        me.put("roles", List.copyOf(Roles.roles(user)));
        if (Roles.roles(user).contains(Roles.FINANCE)) {
            try {
                // the limit the finance approval routing (decision finance-approval) gives this user's approvals
                me.put("financeLimit", routing.route(FinanceApprovalRouting.Level.FIRST, user.getName(),
                        BigDecimal.ZERO).approvalLimit().toPlainString());
            } catch (IllegalStateException e) {
                me.put("financeLimit", null); // the decision is not deployed: the approval itself is refused then
            }
        }
        return me;
    }

    /** The expert review rubric: the criteria and their weights. */
    @GetMapping("/api/rubric")
    public List<Rubric.Criterion> rubric() {
        return rubric.criteria();
    }
}
