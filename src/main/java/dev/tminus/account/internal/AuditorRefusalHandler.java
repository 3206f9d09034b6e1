package dev.tminus.account.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * Says why an auditor's change was refused: an RFC 9457 problem to a client that prefers
 * JSON, otherwise our 403 page ({@code templates/error/403.html}) with the reason shown
 * as the page's problem. Every other refusal is answered as before.
 */
final class AuditorRefusalHandler implements AccessDeniedHandler {

	static final String REASON = "Auditors have read-only access: T-Minus refused this request and nothing was changed.";

	private static final String HX_REQUEST = "HX-Request";

	/**
	 * What the layout shows as the page's problem (request attributes are template
	 * variables).
	 */
	static final String PROBLEM_ATTRIBUTE = "problem";

	private final AccessDeniedHandler others = new AccessDeniedHandlerImpl();

	private final HeaderContentNegotiationStrategy negotiation = new HeaderContentNegotiationStrategy();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException, ServletException {
		if (!(denied instanceof AuthorizationDeniedException decision
				&& decision.getAuthorizationResult() instanceof ReadOnlyAuditors.Refusal)) {
			this.others.handle(request, response, denied);
			return;
		}
		if (prefersJson(request)) {
			response.setStatus(HttpStatus.FORBIDDEN.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.getWriter()
				.write("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"" + json(REASON)
						+ "\",\"instance\":\"" + json(request.getRequestURI()) + "\"}");
			return;
		}
		// the error page is rendered in a second dispatch of this same request: the
		// attribute travels with it
		request.setAttribute(PROBLEM_ATTRIBUTE, REASON);
		response.sendError(HttpStatus.FORBIDDEN.value(), REASON);
	}

	/**
	 * A problem for clients that rank JSON above HTML or name no type at all (scripts,
	 * curl; Spring Boot answers them JSON too); the page for browsers and htmx.
	 */
	private boolean prefersJson(HttpServletRequest request) {
		List<MediaType> accepted;
		try {
			accepted = this.negotiation.resolveMediaTypes(new ServletWebRequest(request));
		}
		catch (HttpMediaTypeNotAcceptableException ex) {
			return false;
		}
		for (MediaType type : accepted) {
			if (type.isWildcardType() || type.isWildcardSubtype()) {
				continue;
			}
			if (MediaType.APPLICATION_JSON.isCompatibleWith(type) || "json".equals(type.getSubtypeSuffix())) {
				return true;
			}
			if (MediaType.TEXT_HTML.isCompatibleWith(type)) {
				return false;
			}
		}
		return request.getHeader(HX_REQUEST) == null;
	}

	private static String json(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 8);
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> escaped.append("\\\"");
				case '\\' -> escaped.append("\\\\");
				default -> {
					if (c < 0x20) {
						escaped.append(String.format("\\u%04x", (int) c));
					}
					else {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

}
