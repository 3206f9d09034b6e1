package dev.tminus.comms;

import java.util.List;

/**
 * One page of the delivery log, newest first.
 *
 * @param page 1-based
 * @param total deliveries in the log (of the endpoint, when one is chosen)
 */
public record DeliveryLogPage(List<WebhookDeliveryView> rows, Long endpointId, int page, int size, long total) {

	public int pages() {
		return (int) Math.max(1, (this.total + this.size - 1) / this.size);
	}

	public boolean hasPrevious() {
		return this.page > 1;
	}

	public boolean hasNext() {
		return this.page < pages();
	}

	/** "51–100 of 240". */
	public String range() {
		if (this.rows.isEmpty()) {
			return "0 of " + this.total;
		}
		long first = (long) (this.page - 1) * this.size + 1;
		return first + "–" + (first + this.rows.size() - 1) + " of " + this.total;
	}

}
