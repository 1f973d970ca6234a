package cn.grants.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;

/** The roles an OpenID Connect provider (Keycloak) gives become the application's roles. */
class OidcRolesTest {

    @Test
    void shouldMapKeycloakRealmRolesToApplicationRoles() {
        // given
        Map<String, Object> claims = Map.of("preferred_username", "li.officer",
                "realm_access", Map.of("roles", List.of("officer", "process-owner", "offline_access", "uma_authorization")));

        // when
        List<GrantedAuthority> roles = OidcRoles.fromClaims(claims, "realm_access.roles");

        // then
        assertThat(roles).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_OFFICER", "ROLE_PROCESS_OWNER");
    }

    @Test
    void shouldGrantNothingWhenTheClaimIsMissingOrNotAList() {
        assertThat(OidcRoles.fromClaims(Map.of("sub", "x"), "realm_access.roles")).isEmpty();
        assertThat(OidcRoles.fromClaims(Map.of("groups", "finance"), "groups")).isEmpty();
        assertThat(OidcRoles.fromClaims(Map.of("groups", List.of("finance")), "groups"))
                .extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_FINANCE");
    }
}
