package dev.tminus.trigger;

import dev.tminus.runbook.RunbookCatalog;
import dev.tminus.runbook.RunbookTemplate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The template version and status of a cutover. The cutover module has no public query
 * for these two facts yet; until it does, this one read of its table stays here.
 */
@Component
class TriggerRuns {

	private final JdbcClient jdbc;

	private final RunbookCatalog catalog;

	TriggerRuns(JdbcClient jdbc, RunbookCatalog catalog) {
		this.jdbc = jdbc;
		this.catalog = catalog;
	}

	Run get(long cutoverId) {
		return this.jdbc.sql("select template_id, status from cutover where id = ?")
			.param(cutoverId)
			.query((rs, row) -> new Run(this.catalog.byId(rs.getLong(1)).template(), rs.getString(2)))
			.single();
	}

	record Run(RunbookTemplate template, String status) {

		boolean running() {
			return "IN_PROGRESS".equals(this.status) || "GO".equals(this.status);
		}

	}

}
