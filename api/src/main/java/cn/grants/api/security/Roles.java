package cn.grants.api.security;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Roles and the task candidate groups they stand for (ROLE_OFFICER ↔ officer). */
public final class Roles {

    public static final String APPLICANT = "APPLICANT";
    public static final String OFFICER = "OFFICER";
    public static final String EXPERT = "EXPERT";
    public static final String AUDITOR = "AUDITOR";
    public static final String FINANCE = "FINANCE";
    public static final String PROCESS_OWNER = "PROCESS_OWNER";
    /** roles that work on others' cases */
    public static final Set<String> STAFF = Set.of(OFFICER, EXPERT, AUDITOR, FINANCE, PROCESS_OWNER);

    private Roles() {
    }

    public static Set<String> roles(Authentication auth) {
        return roles(auth.getAuthorities());
    }

    public static Set<String> roles(Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring(5)).collect(Collectors.toSet());
    }

    /** The candidate groups a user may work: its roles in lower-case kebab form. */
    public static Set<String> groups(Authentication auth) {
        return roles(auth).stream().map(r -> r.toLowerCase(Locale.ROOT).replace('_', '-')).collect(Collectors.toSet());
    }

    /** An expert with no other staff role: sees only the cases drawn for him. */
    public static boolean expertOnly(Authentication auth) {
        Set<String> roles = roles(auth);
        return roles.contains(EXPERT) && roles.stream().filter(STAFF::contains).allMatch(EXPERT::equals);
    }

    public static boolean isStaff(Authentication auth) {
        return roles(auth).stream().anyMatch(STAFF::contains);
    }
}
