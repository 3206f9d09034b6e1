package dev.tminus.gate.web;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.tminus.account.CurrentUser;
import dev.tminus.gate.GateException;
import dev.tminus.gate.GateQueries;
import dev.tminus.gate.GateService;
import dev.tminus.gate.RecordGate;
import dev.tminus.runbook.Verdict;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The gate board fragment the board loads itself, and recording a gate result.
 */
@Controller
class GateController {

	static final String MEASURE_PREFIX = "measure.";

	private final GateQueries queries;

	private final GateService gates;

	GateController(GateQueries queries, GateService gates) {
		this.queries = queries;
		this.gates = gates;
	}

	@GetMapping("/cutovers/{id}/gates")
	String gates(@PathVariable long id, @AuthenticationPrincipal CurrentUser me, CsrfToken csrf, Model model) {
		// the forms need the token: load it (and its session) before the response is
		// committed
		csrf.getToken();
		model.addAttribute("gates", this.queries.board(id, me));
		return "gate/gates :: gates";
	}

	/**
	 * @param verdict {@code COMPUTE} (from the values), {@code PASS} or {@code FAIL}
	 * @param params the measured values as {@code measure.<KEY>}
	 */
	@PostMapping("/cutovers/{id}/gates/{gateKey}/results")
	String record(@PathVariable long id, @PathVariable String gateKey,
			@RequestParam(name = "verdict", required = false) String verdict,
			@RequestParam(name = "note", required = false) String note, @RequestParam Map<String, String> params,
			@AuthenticationPrincipal CurrentUser me) {
		Map<String, String> measured = new LinkedHashMap<>();
		params.forEach((name, value) -> {
			if (name.startsWith(MEASURE_PREFIX)) {
				measured.put(name.substring(MEASURE_PREFIX.length()), value);
			}
		});
		this.gates.record(id, gateKey, new RecordGate(claimed(verdict), measured, note), me);
		return "redirect:/cutovers/" + id + "#gates";
	}

	private static Verdict claimed(String verdict) {
		if (verdict == null || verdict.isBlank() || "COMPUTE".equals(verdict)) {
			return null;
		}
		return switch (verdict) {
			case "PASS" -> Verdict.PASS;
			case "FAIL" -> Verdict.FAIL;
			default -> throw new GateException("Choose PASS or FAIL (or let the values decide).");
		};
	}

}
