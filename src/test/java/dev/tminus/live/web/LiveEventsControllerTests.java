package dev.tminus.live.web;

import dev.tminus.live.LiveAccess;
import dev.tminus.live.internal.Watchers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

class LiveEventsControllerTests {

	@Test
	void refusesEveryoneWhileNoLiveAccessIsConfigured() {
		Watchers watchers = mock(Watchers.class);
		LiveEventsController controller = new LiveEventsController(
				new StaticListableBeanFactory().getBeanProvider(LiveAccess.class), watchers);
		UsernamePasswordAuthenticationToken admin = UsernamePasswordAuthenticationToken.authenticated("admin", null,
				AuthorityUtils.createAuthorityList("ROLE_ADMIN"));

		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> controller.events(1L, null, null, admin, new MockHttpServletResponse()));
		then(watchers).shouldHaveNoInteractions();
	}

}
