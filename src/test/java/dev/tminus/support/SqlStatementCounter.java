package dev.tminus.support;

import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements the application sends, to prove a page costs a fixed number
 * of queries whatever the data (no N+1). Only the statements of the thread that counts
 * (MockMvc and direct calls run there): the app's scheduled jobs (overdue checks,
 * decision clocks, points of no return, every 10 s) share the pool and would otherwise be
 * counted whenever one of them runs during the count.
 */
public class SqlStatementCounter implements BeanPostProcessor {

	private final AtomicLong statements = new AtomicLong();

	private final java.util.List<String> sql = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

	private volatile Thread counting;

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && !(bean instanceof net.ttddyy.dsproxy.support.ProxyDataSource)) {
			return ProxyDataSourceBuilder.create(dataSource).name("counted").listener(new QueryExecutionListener() {
				@Override
				public void beforeQuery(net.ttddyy.dsproxy.ExecutionInfo info,
						java.util.List<net.ttddyy.dsproxy.QueryInfo> queries) {
				}

				@Override
				public void afterQuery(net.ttddyy.dsproxy.ExecutionInfo info,
						java.util.List<net.ttddyy.dsproxy.QueryInfo> queries) {
					if (SqlStatementCounter.this.counting == Thread.currentThread()) {
						SqlStatementCounter.this.statements.addAndGet(queries.size());
						queries.forEach((query) -> SqlStatementCounter.this.sql.add(query.getQuery()));
					}
				}
			}).build();
		}
		return bean;
	}

	/** Counts the statements {@code action} sends. */
	public long count(ThrowingRunnable action) throws Exception {
		this.statements.set(0);
		this.sql.clear();
		this.counting = Thread.currentThread();
		try {
			action.run();
		}
		finally {
			this.counting = null;
		}
		return this.statements.get();
	}

	/** The statements of the last count, for assertion messages. */
	public String lastStatements() {
		synchronized (this.sql) {
			return String.join("\n", this.sql);
		}
	}

	@FunctionalInterface
	public interface ThrowingRunnable {

		void run() throws Exception;

	}

}
