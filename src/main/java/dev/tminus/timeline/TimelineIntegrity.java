package dev.tminus.timeline;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes a cutover's hash chain from the stored rows, as an auditor would.
 * <p>
 * A chain proves that nothing was changed, removed or inserted before its last entry;
 * that the last entries were not cut off is proven by comparing with a {@code lastHash}
 * quoted elsewhere (a decision record, an export).
 */
@Service
public class TimelineIntegrity {

	private final TimelineQueries queries;

	TimelineIntegrity(TimelineQueries queries) {
		this.queries = queries;
	}

	@Transactional(readOnly = true)
	public IntegrityReport verify(long cutoverId) {
		ChainCheck chain = new ChainCheck(cutoverId);
		this.queries.stream(cutoverId, chain::accept);
		return chain.report();
	}

}
