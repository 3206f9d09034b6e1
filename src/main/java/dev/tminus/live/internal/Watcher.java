package dev.tminus.live.internal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;

/**
 * One open event stream. Whoever offers it something (the listener thread, the heartbeat)
 * only queues; the writing happens on a sender thread, one drain at a time per watcher,
 * so events keep their order and a slow client holds up nobody but itself. A client that
 * falls {@value #MAX_PENDING} events behind is dropped: its browser reconnects with
 * {@code Last-Event-ID} and replays what it missed from the table.
 */
final class Watcher {

	static final int MAX_PENDING = 256;

	private final long cutoverId;

	private final SseEmitter emitter;

	private final Executor senders;

	private final Consumer<Watcher> onClosed;

	// guarded by this
	private final Deque<Outgoing> pending = new ArrayDeque<>();

	// guarded by this
	private boolean started;

	// guarded by this
	private boolean draining;

	// guarded by this
	private boolean closing;

	// only touched by the draining sender
	private final Set<Long> replayed = new HashSet<>();

	Watcher(long cutoverId, SseEmitter emitter, Executor senders, Consumer<Watcher> onClosed) {
		this.cutoverId = cutoverId;
		this.emitter = emitter;
		this.senders = senders;
		this.onClosed = onClosed;
	}

	long cutoverId() {
		return this.cutoverId;
	}

	SseEmitter emitter() {
		return this.emitter;
	}

	/**
	 * Starts sending: first {@code hello}, then the replayed signals, then whatever live
	 * signals arrived meanwhile, except those the replay already sent.
	 */
	synchronized void start(SseEventBuilder hello, List<Signal> replay) {
		if (this.closing) {
			return;
		}
		Deque<Outgoing> live = new ArrayDeque<>(this.pending);
		this.pending.clear();
		this.pending.add(Outgoing.of(hello));
		replay.forEach((signal) -> this.pending.add(Outgoing.replayOf(signal)));
		this.pending.addAll(live);
		this.started = true;
		scheduleDrain();
	}

	void offer(Signal signal) {
		enqueue(Outgoing.of(signal));
	}

	void heartbeat() {
		enqueue(Outgoing.of(SseEmitter.event().comment("heartbeat")));
	}

	/** Ends the stream after what is being written now; queued events are dropped. */
	synchronized void close() {
		if (this.closing) {
			return;
		}
		this.closing = true;
		this.pending.clear();
		this.started = true;
		scheduleDrain();
	}

	/**
	 * The container ended the stream (completion, timeout, error): nothing more to send.
	 */
	synchronized void closed() {
		this.closing = true;
		this.pending.clear();
	}

	private synchronized void enqueue(Outgoing outgoing) {
		if (this.closing) {
			return;
		}
		if (this.pending.size() >= MAX_PENDING) {
			this.onClosed.accept(this);
			close();
			return;
		}
		this.pending.add(outgoing);
		scheduleDrain();
	}

	// guarded by this
	private void scheduleDrain() {
		if (this.started && !this.draining) {
			this.draining = true;
			try {
				this.senders.execute(this::drain);
			}
			catch (RejectedExecutionException ex) {
				// shutting down: the container ends the stream
				this.draining = false;
			}
		}
	}

	private void drain() {
		while (true) {
			Outgoing next;
			boolean complete = false;
			synchronized (this) {
				next = this.pending.poll();
				if (next == null) {
					this.draining = false;
					complete = this.closing;
					if (!complete) {
						return;
					}
				}
			}
			if (complete) {
				completeQuietly();
				return;
			}
			if (!send(next)) {
				this.onClosed.accept(this);
				closed();
				completeQuietly();
				return;
			}
		}
	}

	private boolean send(Outgoing outgoing) {
		SseEventBuilder event = outgoing.event();
		if (outgoing.signal() != null) {
			Signal signal = outgoing.signal();
			if (outgoing.replay()) {
				this.replayed.add(signal.id());
			}
			else if (this.replayed.remove(signal.id())) {
				return true;
			}
			event = SseEmitter.event().id(Long.toString(signal.id())).name(signal.topic()).data(signal.json());
		}
		try {
			this.emitter.send(event);
			return true;
		}
		catch (IOException | IllegalStateException ex) {
			// the client went away, or the stream is already complete
			return false;
		}
	}

	private void completeQuietly() {
		try {
			this.emitter.complete();
		}
		catch (RuntimeException ex) {
			// already completed by the container
		}
	}

	private record Outgoing(Signal signal, boolean replay, SseEventBuilder event) {

		static Outgoing of(Signal signal) {
			return new Outgoing(signal, false, null);
		}

		static Outgoing replayOf(Signal signal) {
			return new Outgoing(signal, true, null);
		}

		static Outgoing of(SseEventBuilder event) {
			return new Outgoing(null, false, event);
		}

	}

}
