package dev.tminus.audit.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.tminus.account.CurrentUser;
import dev.tminus.audit.AuditIntegrity;
import dev.tminus.audit.AuditQueries;
import dev.tminus.audit.EvidenceBundle;
import dev.tminus.audit.HistoryCsv;
import dev.tminus.audit.HistoryFilter;
import dev.tminus.audit.RecordQueries;
import dev.tminus.audit.RecordReport;
import dev.tminus.cutover.CutoverKind;
import dev.tminus.cutover.CutoverService;
import dev.tminus.cutover.CutoverStatus;
import dev.tminus.timeline.TimelineCheckpoints;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The auditor's desk: the history of cutovers, the read-only record of one, its integrity
 * check and its exports. Everything here reads; nothing changes the record.
 */
@Controller
class AuditController {

	private final AuditQueries history;

	private final RecordQueries records;

	private final AuditIntegrity integrity;

	private final EvidenceBundle bundle;

	private final RecordReport report;

	private final HistoryCsv csv;

	private final CutoverService cutovers;

	private final TimelineCheckpoints checkpoints;

	AuditController(AuditQueries history, RecordQueries records, AuditIntegrity integrity, EvidenceBundle bundle,
			RecordReport report, HistoryCsv csv, CutoverService cutovers, TimelineCheckpoints checkpoints) {
		this.checkpoints = checkpoints;
		this.history = history;
		this.records = records;
		this.integrity = integrity;
		this.bundle = bundle;
		this.report = report;
		this.csv = csv;
		this.cutovers = cutovers;
	}

	@GetMapping("/audit")
	String history(@RequestParam Map<String, String> params, @AuthenticationPrincipal CurrentUser me, Model model) {
		HistoryFilter filter = HistoryFilter.parse(params);
		model.addAttribute("page", this.history.history(filter, me));
		model.addAttribute("choices", this.history.choices(me));
		model.addAttribute("params", params);
		model.addAttribute("statuses", CutoverStatus.values());
		model.addAttribute("decisions", HistoryFilter.DECISIONS);
		model.addAttribute("kinds", CutoverKind.values());
		model.addAttribute("sorts", HistoryFilter.Sort.values());
		model.addAttribute("pageSizes", HistoryFilter.PAGE_SIZES);
		return "audit/history";
	}

	@GetMapping("/audit/history.csv")
	void historyCsv(@RequestParam Map<String, String> params, @AuthenticationPrincipal CurrentUser me,
			HttpServletResponse response) throws IOException {
		HistoryFilter filter = HistoryFilter.parse(params);
		download(response, "text/csv;charset=UTF-8", "cutover-history.csv");
		try (OutputStream out = response.getOutputStream()) {
			this.csv.write(filter, me, out);
		}
	}

	@GetMapping("/audit/cutovers/{id}")
	String record(@PathVariable long id, @RequestParam(defaultValue = "1") int timelinePage,
			@AuthenticationPrincipal CurrentUser me, Model model) {
		model.addAttribute("record", this.records.record(id, me, timelinePage));
		return "audit/record";
	}

	/** One click: recompute the hash chain and every file's SHA-256. */
	@GetMapping("/audit/cutovers/{id}/integrity")
	String integrity(@PathVariable long id, @AuthenticationPrincipal CurrentUser me,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
		this.cutovers.access(id, me);
		model.addAttribute("verdict", this.integrity.check(id));
		model.addAttribute("cutoverId", id);
		return (htmx != null) ? "audit/integrity :: verdict" : "audit/integrity";
	}

	/** The public key every checkpoint verifies with, for the offline verifier. */
	@GetMapping("/audit/checkpoint-key.pem")
	void checkpointKey(HttpServletResponse response) throws IOException {
		byte[] pem = this.checkpoints.publicKeyPem().getBytes(StandardCharsets.US_ASCII);
		download(response, "application/x-pem-file", "tminus-checkpoint-key.pub.pem");
		response.setContentLength(pem.length);
		response.getOutputStream().write(pem);
	}

	@GetMapping("/audit/cutovers/{id}/evidence-summary.txt")
	void evidenceSummary(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, HttpServletResponse response)
			throws IOException {
		byte[] summary = this.records.evidenceSummary(id, me).getBytes(StandardCharsets.UTF_8);
		download(response, "text/plain;charset=UTF-8", "cutover-" + id + "-evidence-summary.txt");
		response.setContentLength(summary.length);
		response.getOutputStream().write(summary);
	}

	@GetMapping("/audit/cutovers/{id}/bundle.zip")
	void evidenceBundle(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, HttpServletResponse response)
			throws IOException {
		this.cutovers.access(id, me);
		String folder = this.bundle.folderName(id);
		download(response, "application/zip", folder + ".zip");
		try (OutputStream out = response.getOutputStream()) {
			this.bundle.write(id, out);
		}
	}

	@GetMapping("/audit/cutovers/{id}/report.pdf")
	void reportPdf(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, HttpServletResponse response)
			throws IOException {
		this.cutovers.access(id, me);
		download(response, MediaType.APPLICATION_PDF_VALUE, "cutover-" + id + "-report.pdf");
		try (OutputStream out = response.getOutputStream()) {
			this.report.write(id, me, out);
		}
	}

	private static void download(HttpServletResponse response, String contentType, String fileName) {
		response.setContentType(contentType);
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString());
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
	}

}
