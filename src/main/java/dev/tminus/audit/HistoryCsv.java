package dev.tminus.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import dev.tminus.account.CurrentUser;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The history list as CSV (RFC 4180), every matching row, streamed. Cells that a
 * spreadsheet would run as a formula are prefixed with an apostrophe.
 */
@Service
public class HistoryCsv {

	static final String[] HEADER = { "id", "name", "release", "template", "environment", "kind", "status", "t0_utc",
			"decision", "decided_by", "decided_at_utc", "failure_classification", "first_step_utc",
			"duration_minutes" };

	private final AuditQueries queries;

	HistoryCsv(AuditQueries queries) {
		this.queries = queries;
	}

	@Transactional(readOnly = true)
	public void write(HistoryFilter filter, CurrentUser viewer, OutputStream out) throws IOException {
		Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(HEADER).get());
		this.queries.stream(filter, viewer, (row) -> {
			try {
				csv.printRecord(
						row.id(), cell(row.name()), cell(row.release()), cell(row.template()), cell(row.environment()),
						row.kind(), row.status(), row.t0Utc(), value(row.decision()), cell(row.decidedBy()),
						value(row.decidedAtUtc()), value(row.classification()), (row.firstStepAt() != null)
								? dev.tminus.runbook.ParameterResolver.format(row.firstStepAt()) : "",
						(row.duration() != null) ? row.duration().toMinutes() : "");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		csv.flush();
	}

	private static String value(String text) {
		return (text != null) ? text : "";
	}

	/** Text people typed: neutralised if a spreadsheet would evaluate it. */
	static String cell(String text) {
		if (text == null || text.isEmpty()) {
			return "";
		}
		char first = text.charAt(0);
		return (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r')
				? "'" + text : text;
	}

}
