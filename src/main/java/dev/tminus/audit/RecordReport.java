package dev.tminus.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import dev.tminus.account.CurrentUser;
import dev.tminus.cutover.BoardView;
import dev.tminus.cutover.BoardView.RoleView;
import dev.tminus.cutover.CutoverQueries;
import dev.tminus.decision.DecisionQueries;
import dev.tminus.decision.DecisionView;
import dev.tminus.gate.GateQueries;
import dev.tminus.signoff.SignOffQueries;
import dev.tminus.timeline.TimelineEntryView;
import dev.tminus.timeline.TimelineQueries;
import dev.tminus.trigger.TriggerQueries;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The printable report of a cutover as a PDF: a cover (decision, IC, T-0, classification,
 * integrity), the gate table, sign-offs, triggers and the full timeline. Rendered from an
 * XHTML Thymeleaf template by openhtmltopdf, with DejaVu fonts embedded so every
 * character people typed prints.
 * <p>
 * The PDF is written straight to the response; the layout engine does need the whole
 * document in memory, which grows with the timeline (about 3 KB per entry).
 */
@Service
public class RecordReport {

	private final CutoverQueries cutovers;

	private final GateQueries gates;

	private final SignOffQueries signOffs;

	private final TriggerQueries triggers;

	private final DecisionQueries decisions;

	private final TimelineQueries timeline;

	private final AuditIntegrity integrity;

	private final ITemplateEngine templates;

	RecordReport(CutoverQueries cutovers, GateQueries gates, SignOffQueries signOffs, TriggerQueries triggers,
			DecisionQueries decisions, TimelineQueries timeline, AuditIntegrity integrity, ITemplateEngine templates) {
		this.cutovers = cutovers;
		this.gates = gates;
		this.signOffs = signOffs;
		this.triggers = triggers;
		this.decisions = decisions;
		this.timeline = timeline;
		this.integrity = integrity;
		this.templates = templates;
	}

	/** The report's XHTML (what the PDF is rendered from). */
	@Transactional(readOnly = true)
	public String html(long cutoverId, CurrentUser viewer) {
		BoardView board = this.cutovers.board(cutoverId, viewer, Set.of(), false);
		List<DecisionView> decided = this.decisions.forCutover(cutoverId);
		List<TimelineEntryView> entries = new ArrayList<>();
		this.timeline.stream(cutoverId, entries::add);
		Context context = new Context();
		context.setVariable("board", board);
		context.setVariable("ic",
				board.roles()
					.stream()
					.filter((role) -> role.key().equals("IC"))
					.findFirst()
					.map(RoleView::holders)
					.orElse(List.of()));
		context.setVariable("decisions", decided);
		context.setVariable("decision", decided.isEmpty() ? null : decided.get(decided.size() - 1));
		context.setVariable("goNoGo",
				decided.stream().filter((d) -> !d.outcome().equals("ROLLBACK")).findFirst().orElse(null));
		context.setVariable("gates", this.gates.statuses(cutoverId));
		context.setVariable("signOffs", this.signOffs.statuses(cutoverId));
		context.setVariable("triggers", this.triggers.forCutover(cutoverId));
		context.setVariable("timeline", entries);
		context.setVariable("integrity", this.integrity.check(cutoverId));
		return this.templates.process("audit/report", context);
	}

	/** Renders the report to {@code out}. */
	@Transactional(readOnly = true)
	public void write(long cutoverId, CurrentUser viewer, OutputStream out) throws IOException {
		String html = html(cutoverId, viewer);
		PdfRendererBuilder builder = new PdfRendererBuilder();
		builder.useFastMode();
		font(builder, "DejaVuSans.ttf", "DejaVu Sans", 400);
		font(builder, "DejaVuSans-Bold.ttf", "DejaVu Sans", 700);
		font(builder, "DejaVuSansMono.ttf", "DejaVu Sans Mono", 400);
		builder.withProducer("T-Minus");
		builder.withHtmlContent(html, null);
		builder.toStream(out);
		builder.run();
	}

	private static void font(PdfRendererBuilder builder, String file, String family, int weight) {
		builder.useFont(() -> {
			InputStream font = RecordReport.class.getResourceAsStream("/fonts/" + file);
			if (font == null) {
				throw new IllegalStateException("The font " + file + " is missing from the application");
			}
			return font;
		}, family, weight, FontStyle.NORMAL, true);
	}

}
