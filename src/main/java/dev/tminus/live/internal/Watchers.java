package dev.tminus.live.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tminus.live.LiveProperties;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The event streams open on this instance, per cutover. Signals from the listener, the
 * heartbeat and shutdown all go through here; the writing happens on a few sender threads
 * (see {@link Watcher}).
 */
@Component
public class Watchers implements SmartLifecycle {

	/** How long a browser waits before reconnecting after the stream ended. */
	static final long CLIENT_RETRY_MILLIS = 2000;

	/** Replay after a reconnect sends at most this many (the newest) missed signals. */
	static final int REPLAY_LIMIT = 1000;

	private static final int SENDERS = 4;

	private final Map<Long, Set<Watcher>> byCutover = new ConcurrentHashMap<>();

	private final SignalStore store;

	private final LiveProperties properties;

	// made in start(), ended in stop(): a context may be stopped and started again
	// (Spring's
	// test framework pauses cached contexts that way)
	private volatile ExecutorService senders;

	private volatile ScheduledExecutorService heartbeats;

	private volatile boolean running;

	Watchers(SignalStore store, LiveProperties properties) {
		this.store = store;
		this.properties = properties;
	}

	/**
	 * Opens an event stream on a cutover. With {@code lastEventId}, first replays every
	 * signal of the cutover after it, then continues live without gap or duplicate: the
	 * watcher is registered before the replay is read, and holds live signals back until
	 * the replay is sent.
	 */
	public SseEmitter watch(long cutoverId, Long lastEventId) {
		if (!this.running) {
			throw new org.springframework.web.server.ResponseStatusException(
					org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE, "Live updates are stopping; reconnect");
		}
		SseEmitter emitter = new SseEmitter(this.properties.streamTimeout().toMillis());
		Watcher watcher = new Watcher(cutoverId, emitter, this.senders, this::forget);
		emitter.onCompletion(() -> ended(watcher));
		emitter.onError((ex) -> ended(watcher));
		emitter.onTimeout(() -> {
			ended(watcher);
			emitter.complete();
		});
		this.byCutover.compute(cutoverId, (id, watchers) -> {
			Set<Watcher> all = (watchers != null) ? watchers : ConcurrentHashMap.newKeySet();
			all.add(watcher);
			return all;
		});
		try {
			List<Signal> missed = (lastEventId != null)
					? this.store.after(cutoverId, Math.max(lastEventId, 0), REPLAY_LIMIT) : List.of();
			watcher.start(SseEmitter.event().reconnectTime(CLIENT_RETRY_MILLIS).comment("connected"), missed);
			return emitter;
		}
		catch (RuntimeException ex) {
			ended(watcher);
			throw ex;
		}
	}

	/** Hands a committed signal to every stream open on its cutover here. */
	void deliver(Signal signal) {
		Set<Watcher> watchers = this.byCutover.get(signal.cutoverId());
		if (watchers != null) {
			watchers.forEach((watcher) -> watcher.offer(signal));
		}
	}

	/**
	 * Ends every stream. Browsers reconnect with {@code Last-Event-ID} and replay from
	 * the table what this instance may have missed (used after the LISTEN connection
	 * dropped).
	 */
	public void closeAll() {
		this.byCutover.values().forEach((watchers) -> watchers.forEach((watcher) -> {
			forget(watcher);
			watcher.close();
		}));
	}

	void heartbeat() {
		this.byCutover.values().forEach((watchers) -> watchers.forEach(Watcher::heartbeat));
	}

	private void ended(Watcher watcher) {
		forget(watcher);
		watcher.closed();
	}

	private void forget(Watcher watcher) {
		this.byCutover.computeIfPresent(watcher.cutoverId(), (id, watchers) -> {
			watchers.remove(watcher);
			return watchers.isEmpty() ? null : watchers;
		});
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.senders = new ThreadPoolExecutor(SENDERS, SENDERS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				daemons("live-sender-"));
		this.heartbeats = Executors.newSingleThreadScheduledExecutor(daemons("live-heartbeat-"));
		long every = this.properties.heartbeat().toMillis();
		this.heartbeats.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
		this.running = true;
	}

	/** Ends all streams first, so that a graceful shutdown does not wait for them. */
	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.heartbeats.shutdownNow();
		closeAll();
		this.senders.shutdown();
		try {
			this.senders.awaitTermination(2, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.senders.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	static ThreadFactory daemons(String prefix) {
		AtomicInteger number = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(task, prefix + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
