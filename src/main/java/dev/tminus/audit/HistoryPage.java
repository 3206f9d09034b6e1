package dev.tminus.audit;

import java.util.List;

/**
 * One page of the history list.
 *
 * @param total how many cutovers match the filter
 */
public record HistoryPage(HistoryFilter filter, List<HistoryRow> rows, long total) {

	public int pages() {
		return (int) Math.max(1, (this.total + this.filter.size() - 1) / this.filter.size());
	}

	public boolean hasPrevious() {
		return this.filter.page() > 1;
	}

	public boolean hasNext() {
		return this.filter.page() < pages();
	}

	/** "51–100 of 240". */
	public String range() {
		if (this.rows.isEmpty()) {
			return "0 of " + this.total;
		}
		long first = this.filter.offset() + 1L;
		return first + "–" + (first + this.rows.size() - 1) + " of " + this.total;
	}

}
