package dev.tminus.evidence.web;

import dev.tminus.evidence.EvidenceException;
import dev.tminus.evidence.EvidenceTooLargeException;
import dev.tminus.shared.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.HandlerMapping;

/**
 * A refused upload or download says why: 413 for a file over the limit, 422 for a rule
 * (empty file, path in the name, bad URL), 403 for someone not allowed, 404 for someone
 * not on the cutover. Nothing was written in any of these cases.
 */
@ControllerAdvice(assignableTypes = EvidenceController.class)
class EvidenceWebAdvice {

	@ExceptionHandler(EvidenceTooLargeException.class)
	String tooLarge(EvidenceTooLargeException ex, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		return show(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage(), request, response, model);
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	String tooLargeForServer(HttpServletRequest request, HttpServletResponse response, Model model) {
		return show(HttpStatus.CONTENT_TOO_LARGE,
				"The upload is larger than the server accepts for one evidence file. Nothing was uploaded.", request,
				response, model);
	}

	@ExceptionHandler(MultipartException.class)
	String notMultipart(HttpServletRequest request, HttpServletResponse response, Model model) {
		return show(HttpStatus.BAD_REQUEST, "Send the files as a multipart form upload. Nothing was uploaded.", request,
				response, model);
	}

	@ExceptionHandler(EvidenceException.class)
	String refused(EvidenceException ex, HttpServletRequest request, HttpServletResponse response, Model model) {
		return show(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage(), request, response, model);
	}

	@ExceptionHandler(AccessDeniedException.class)
	String denied(AccessDeniedException ex, HttpServletRequest request, HttpServletResponse response, Model model) {
		return show(HttpStatus.FORBIDDEN, ex.getMessage(), request, response, model);
	}

	@ExceptionHandler(NotFoundException.class)
	String notFound(NotFoundException ex, HttpServletRequest request, HttpServletResponse response, Model model) {
		return show(HttpStatus.NOT_FOUND, ex.getMessage() + ".", request, response, model);
	}

	private static String show(HttpStatus status, String message, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		response.setStatus(status.value());
		@SuppressWarnings("unchecked")
		java.util.Map<String, String> vars = (java.util.Map<String, String>) request
			.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		String id = (vars != null) ? vars.get("id") : null;
		model.addAttribute("status", status.value());
		model.addAttribute("problem", message);
		model.addAttribute("cutoverId",
				(id != null && id.matches("\\d{1,18}") && status != HttpStatus.NOT_FOUND) ? Long.parseLong(id) : null);
		return "evidence/refused";
	}

}
