package dev.tminus.evidence.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import dev.tminus.account.CurrentUser;
import dev.tminus.evidence.EvidenceContract;
import dev.tminus.evidence.EvidenceQueries;
import dev.tminus.evidence.EvidenceService;
import dev.tminus.evidence.EvidenceTarget;
import dev.tminus.evidence.EvidenceView;
import dev.tminus.evidence.NewEvidenceFile;
import dev.tminus.shared.web.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Evidence uploads (several files at once), links, and downloads. A download is always an
 * attachment that browsers must not sniff: evidence is never rendered as a page.
 */
@Controller
class EvidenceController {

	/** Served with their own type; everything else as application/octet-stream. */
	static final Set<String> SAFE_TEXT = Set.of("text/plain", "text/csv", "text/markdown", "application/json");

	private final EvidenceService evidence;

	private final EvidenceQueries queries;

	EvidenceController(EvidenceService evidence, EvidenceQueries queries) {
		this.evidence = evidence;
		this.queries = queries;
	}

	@PostMapping("/cutovers/{id}/gates/{gateKey}/evidence")
	String uploadToGate(@PathVariable long id, @PathVariable String gateKey,
			@RequestParam(name = "files", required = false) List<MultipartFile> files, EvidenceContractForm contract,
			@AuthenticationPrincipal CurrentUser me) {
		this.evidence.upload(id, EvidenceTarget.gate(gateKey), files(files), contract.toContract(), me);
		return back(id);
	}

	@PostMapping("/cutovers/{id}/steps/{stepKey}/evidence")
	String uploadToStep(@PathVariable long id, @PathVariable String stepKey,
			@RequestParam(name = "files", required = false) List<MultipartFile> files, EvidenceContractForm contract,
			@AuthenticationPrincipal CurrentUser me) {
		this.evidence.upload(id, EvidenceTarget.step(stepKey), files(files), contract.toContract(), me);
		return back(id);
	}

	@PostMapping("/cutovers/{id}/gates/{gateKey}/links")
	String linkToGate(@PathVariable long id, @PathVariable String gateKey,
			@RequestParam(name = "name", required = false) String name,
			@RequestParam(name = "url", required = false) String url, EvidenceContractForm contract,
			@AuthenticationPrincipal CurrentUser me) {
		this.evidence.addLink(id, EvidenceTarget.gate(gateKey), name, url, contract.toContract(), me);
		return back(id);
	}

	@PostMapping("/cutovers/{id}/steps/{stepKey}/links")
	String linkToStep(@PathVariable long id, @PathVariable String stepKey,
			@RequestParam(name = "name", required = false) String name,
			@RequestParam(name = "url", required = false) String url, EvidenceContractForm contract,
			@AuthenticationPrincipal CurrentUser me) {
		this.evidence.addLink(id, EvidenceTarget.step(stepKey), name, url, contract.toContract(), me);
		return back(id);
	}

	@GetMapping("/cutovers/{id}/evidence/{evidenceId}")
	void download(@PathVariable long id, @PathVariable long evidenceId, @AuthenticationPrincipal CurrentUser me,
			HttpServletResponse response) throws IOException {
		EvidenceView view = this.queries.readable(id, evidenceId, me);
		if (!view.file()) {
			throw new NotFoundException("Evidence " + evidenceId + " is a link, not a file: open " + view.url());
		}
		String type = (view.contentType() != null && SAFE_TEXT.contains(view.contentType())) ? view.contentType()
				: MediaType.APPLICATION_OCTET_STREAM_VALUE;
		response.setContentType(type);
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename(view.name(), StandardCharsets.UTF_8).build().toString());
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
		response.setHeader("X-Evidence-SHA256", view.sha256());
		response.setContentLengthLong(view.sizeBytes());
		this.queries.streamContent(view.id(), response.getOutputStream());
	}

	private static List<NewEvidenceFile> files(List<MultipartFile> files) {
		if (files == null) {
			return List.of();
		}
		return files.stream()
			.map((f) -> new NewEvidenceFile(f.getOriginalFilename(), f.getContentType(), f.getSize(), f))
			.toList();
	}

	private static String back(long id) {
		return "redirect:/cutovers/" + id + "#gates";
	}

	/** The evidence contract fields of seed 003 section 7, as entered. */
	record EvidenceContractForm(String command, String exitCode, String timestamp, String owner, String result) {

		EvidenceContract toContract() {
			return new EvidenceContract(this.command, this.exitCode, this.timestamp, this.owner, this.result);
		}

	}

}
