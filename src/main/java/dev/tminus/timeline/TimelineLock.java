package dev.tminus.timeline;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The transaction-scoped advisory lock that serialises a cutover's appends and
 * checkpoints across app instances (re-entrant within a transaction).
 */
final class TimelineLock {

	/**
	 * First key of the two-key advisory lock (the second is the cutover id folded to an
	 * int: a collision only serialises two cutovers). Other modules must not use this
	 * namespace.
	 */
	static final int NAMESPACE = 0x544C_4E45; // "TLNE"

	private TimelineLock() {
	}

	/** Takes the lock and returns the transaction's isolation level. */
	static String lock(JdbcClient jdbc, long cutoverId) {
		return jdbc.sql("select current_setting('transaction_isolation') from pg_advisory_xact_lock(:namespace, :key)")
			.param("namespace", NAMESPACE)
			.param("key", Long.hashCode(cutoverId))
			.query(String.class)
			.single();
	}

}
