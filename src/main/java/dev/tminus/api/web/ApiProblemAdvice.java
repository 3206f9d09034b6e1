package dev.tminus.api.web;

import dev.tminus.api.internal.ApiRequestException;
import dev.tminus.cutover.CutoverException;
import dev.tminus.cutover.StepConflictException;
import dev.tminus.evidence.EvidenceException;
import dev.tminus.evidence.EvidenceTooLargeException;
import dev.tminus.gate.GateException;
import dev.tminus.shared.web.NotFoundException;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MissingRequestValueException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Every refusal of the API as an RFC 9457 problem detail: 400 for a malformed request,
 * 403 for what the token's owner may not do, 404 for what they cannot see, 409 for a step
 * recorded by someone else in between, 413 for a file over the limit, 422 for a rule of
 * the runbook. Nothing was recorded in any of these cases.
 */
@RestControllerAdvice(assignableTypes = ApiController.class)
class ApiProblemAdvice {

	@ExceptionHandler(ApiRequestException.class)
	ResponseEntity<ProblemDetail> request(ApiRequestException ex) {
		return problem(ex.status(), ex.getMessage());
	}

	@ExceptionHandler({ CutoverException.class, GateException.class, EvidenceException.class })
	ResponseEntity<ProblemDetail> rule(RuntimeException ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> denied(AccessDeniedException ex) {
		return problem(HttpStatus.FORBIDDEN, ex.getMessage());
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, ex.getMessage() + ".");
	}

	@ExceptionHandler({ StepConflictException.class, OptimisticLockingFailureException.class })
	ResponseEntity<ProblemDetail> conflict(RuntimeException ex) {
		return problem(HttpStatus.CONFLICT, (ex instanceof StepConflictException) ? ex.getMessage()
				: "Someone recorded this at the same moment: read the cutover again and retry.");
	}

	@ExceptionHandler(EvidenceTooLargeException.class)
	ResponseEntity<ProblemDetail> tooLarge(EvidenceTooLargeException ex) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, ex.getMessage());
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<ProblemDetail> tooLargeForServer() {
		return problem(HttpStatus.CONTENT_TOO_LARGE,
				"The upload is larger than the server accepts for one evidence file. Nothing was recorded.");
	}

	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ProblemDetail> badMultipart() {
		return problem(HttpStatus.BAD_REQUEST, "The multipart body could not be read. Nothing was recorded.");
	}

	@ExceptionHandler(MissingRequestValueException.class)
	ResponseEntity<ProblemDetail> missing(MissingRequestValueException ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.getBody().getDetail());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> wrongType(MethodArgumentTypeMismatchException ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.getName() + " must be "
				+ ((ex.getRequiredType() != null) ? "a " + ex.getRequiredType().getSimpleName().toLowerCase() : "valid")
				+ ", not \"" + String.valueOf(ex.getValue()) + "\".");
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ProblemDetail.forStatusAndDetail(status, detail));
	}

}
