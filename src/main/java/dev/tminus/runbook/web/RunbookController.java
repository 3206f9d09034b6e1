package dev.tminus.runbook.web;

import dev.tminus.runbook.RunbookCatalog;
import dev.tminus.runbook.RunbookCatalog.StoredTemplate;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The runbook templates as loaded from {@code config/runbooks/}: every version a cutover
 * may have been created from, and its YAML exactly as it was then. For everyone signed
 * in: the people who run a runbook, and the auditors who check which version they ran.
 */
@Controller
class RunbookController {

	private final RunbookCatalog catalog;

	RunbookController(RunbookCatalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/runbooks")
	String versions(Model model) {
		model.addAttribute("versions", this.catalog.versions());
		return "runbook/versions";
	}

	@GetMapping("/runbooks/{id}")
	String version(@PathVariable long id, Model model) {
		StoredTemplate stored = this.catalog.byId(id);
		model.addAttribute("stored", stored);
		model.addAttribute("current", this.catalog.isCurrent(id));
		model.addAttribute("source", this.catalog.source(id));
		return "runbook/version";
	}

}
