package dev.tminus.account.web;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * "Am I still signed in?" for a live board whose event stream failed: 204 while the
 * session lasts; without one the security chain answers as for any page (to the sign-in
 * page), which the board then tells its viewer instead of retrying in silence.
 */
@Controller
class SessionController {

	@GetMapping("/account/session")
	ResponseEntity<Void> signedIn() {
		return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
	}

}
