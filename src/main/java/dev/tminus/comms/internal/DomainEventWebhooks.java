package dev.tminus.comms.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tminus.comms.WebhookEvent;
import dev.tminus.comms.WebhookMessage;
import dev.tminus.comms.WebhookService;
import dev.tminus.decision.DecisionRecorded;
import dev.tminus.runbook.ParameterResolver;
import dev.tminus.timeline.Checkpoint;
import dev.tminus.timeline.CheckpointSigned;
import dev.tminus.runbook.RunbookTemplate.TriggerAction;
import dev.tminus.trigger.TriggerReported;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns the events of other modules into webhook deliveries. A plain
 * {@code @EventListener}, deliberately not a transactional one "after commit": it runs in
 * the publisher's transaction, so the outbox rows commit or roll back with the decision
 * or the trigger report they announce. The decision and trigger modules know nothing of
 * webhooks.
 */
@Component
class DomainEventWebhooks {

	private final WebhookService webhooks;

	DomainEventWebhooks(WebhookService webhooks) {
		this.webhooks = webhooks;
	}

	@EventListener
	void decisionRecorded(DecisionRecorded decision) {
		String headline = switch (decision.outcome()) {
			case "GO" -> ":white_check_mark: GO";
			case "NO_GO" -> ":no_entry: NO-GO";
			default -> ":leftwards_arrow_with_hook: ROLLBACK";
		};
		String detail = switch (decision.outcome()) {
			case "GO" -> "signed by " + decision.decidedBy() + ".";
			case "NO_GO" -> decision.failureClassification() + ", retry at " + format(decision.retryAt()) + ", owner "
					+ decision.owner() + ". Signed by " + decision.decidedBy() + ".";
			default -> sentence(decision.reason()) + " Signed by " + decision.decidedBy() + ".";
		};
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("id", decision.decisionId());
		fields.put("outcome", decision.outcome());
		fields.put("decided_by", decision.decidedBy());
		fields.put("decided_at", format(decision.decidedAt()));
		fields.put("failure_classification", decision.failureClassification());
		fields.put("owner", decision.owner());
		fields.put("retry_at", format(decision.retryAt()));
		fields.put("trigger_ref", decision.triggerRef());
		fields.put("reason", decision.reason());
		this.webhooks.enqueue(new WebhookMessage(WebhookEvent.DECISION, decision.cutoverId(), decision.decidedAt(),
				headline, detail, Map.of("decision", fields)));
	}

	@EventListener
	void triggerReported(TriggerReported trigger) {
		boolean immediate = trigger.action() == TriggerAction.IMMEDIATE_ROLLBACK;
		String detail = trigger.title() + " (" + trigger.action().name() + ")"
				+ (immediate ? ", IC decision due by " + format(trigger.decideBy()) : "") + ". Reported by "
				+ trigger.reportedBy() + ".";
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("id", trigger.triggerId());
		fields.put("key", trigger.key());
		fields.put("title", trigger.title());
		fields.put("action", trigger.action().name());
		fields.put("note", trigger.note());
		fields.put("reported_by", trigger.reportedBy());
		fields.put("reported_at", format(trigger.reportedAt()));
		fields.put("decide_by", format(trigger.decideBy()));
		this.webhooks.enqueue(new WebhookMessage(WebhookEvent.TRIGGER, trigger.cutoverId(), trigger.reportedAt(),
				immediate ? ":rotating_light: Rollback trigger" : ":eyes: Trigger observed", detail,
				Map.of("trigger", fields)));
	}

	@EventListener
	void checkpointSigned(CheckpointSigned signed) {
		Checkpoint checkpoint = signed.checkpoint();
		this.webhooks
			.enqueue(new WebhookMessage(WebhookEvent.CHECKPOINT, checkpoint.cutoverId(), checkpoint.signedAt(),
					":lock: Timeline checkpoint #" + checkpoint.number(),
					checkpoint.entryCount() + " entries, head " + checkpoint.headHash() + " (" + checkpoint.reason()
							+ "), signed with key " + checkpoint.keyId() + ".",
					Map.of("checkpoint", checkpoint.toJson())));
	}

	/** A reason as typed, ended like a sentence so that what follows reads as one. */
	private static String sentence(String text) {
		String stripped = text.strip();
		return stripped.matches(".*[.!?]$") ? stripped : stripped + ".";
	}

	private static String format(Instant instant) {
		return (instant != null) ? ParameterResolver.format(instant) : null;
	}

}
