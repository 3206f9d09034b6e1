package dev.tminus.hypercare;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.tminus.runbook.RunbookTemplate.Hypercare;
import dev.tminus.runbook.RunbookTemplate.HypercareWindow;

/**
 * The checks a template's hypercare windows schedule from the GO time: in a window from
 * {@code fromHours} to {@code toHours} with a check every {@code everyMinutes}, the first
 * is due one interval after the window opens and the last at its end (0-6h every 30 min:
 * +30m, +60m ... +6h, twelve checks). A check opens when the one before it is due. A
 * window without {@code everyMinutes} is watched continuously and schedules nothing.
 */
final class HypercareSchedule {

	private HypercareSchedule() {
	}

	record PlannedCheck(int windowIndex, String windowLabel, int seq, Instant opensAt, Instant dueAt,
			List<String> focus) {

	}

	static List<PlannedCheck> plan(Hypercare hypercare, Instant start) {
		List<PlannedCheck> checks = new ArrayList<>();
		if (hypercare == null) {
			return checks;
		}
		for (int index = 0; index < hypercare.windows().size(); index++) {
			HypercareWindow window = hypercare.windows().get(index);
			if (window.everyMinutes() == null || window.everyMinutes() <= 0) {
				continue;
			}
			Duration every = Duration.ofMinutes(window.everyMinutes());
			Instant end = start.plus(Duration.ofHours(window.toHours()));
			Instant due = start.plus(Duration.ofHours(window.fromHours())).plus(every);
			int seq = 1;
			while (!due.isAfter(end)) {
				checks.add(new PlannedCheck(index, label(window), seq++, due.minus(every), due, window.focus()));
				due = due.plus(every);
			}
		}
		return checks;
	}

	/** "0-6h · every 30 min", "24-72h · every 8 h". */
	static String label(HypercareWindow window) {
		int minutes = window.everyMinutes();
		String every = (minutes % 60 == 0) ? (minutes / 60) + " h" : minutes + " min";
		return window.fromHours() + "-" + window.toHours() + "h · every " + every;
	}

}
