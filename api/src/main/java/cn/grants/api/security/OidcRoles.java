package cn.grants.api.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Maps the roles an OpenID Connect provider gives a user to the application's roles: the claim at a dotted path
 * ({@code grants.security.oidc.roles-claim}, Keycloak's {@code realm_access.roles} by default) holding names such
 * as {@code officer} or {@code process-owner} becomes ROLE_OFFICER, ROLE_PROCESS_OWNER; other names are ignored.
 */
final class OidcRoles {

    static final Set<String> KNOWN = Set.of(Roles.APPLICANT, Roles.OFFICER, Roles.EXPERT, Roles.AUDITOR,
            Roles.FINANCE, Roles.PROCESS_OWNER);

    private OidcRoles() {
    }

    static OAuth2UserService<OidcUserRequest, OidcUser> userService(String rolesClaim) {
        OidcUserService delegate = new OidcUserService();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            Set<GrantedAuthority> authorities = new LinkedHashSet<>(user.getAuthorities());
            authorities.addAll(fromClaims(user.getClaims(), rolesClaim));
            return new DefaultOidcUser(authorities, user.getIdToken(), user.getUserInfo(), "preferred_username");
        };
    }

    static List<GrantedAuthority> fromClaims(Map<String, Object> claims, String path) {
        Object value = claims;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return List.of();
            }
            value = map.get(part);
        }
        if (!(value instanceof Collection<?> names)) {
            return List.of();
        }
        return names.stream().map(n -> String.valueOf(n).trim().toUpperCase(Locale.ROOT).replace('-', '_'))
                .filter(KNOWN::contains).distinct().map(n -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + n))
                .toList();
    }
}
