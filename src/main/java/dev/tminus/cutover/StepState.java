package dev.tminus.cutover;

import java.time.Instant;
import java.util.Map;

import dev.tminus.cutover.internal.JsonMapConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnTransformer;

/**
 * The current state of one step of one cutover. Concurrent edits are caught by the
 * version; the history of every change is in the timeline.
 */
@Entity
@Table(name = "step_state")
public class StepState {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, updatable = false)
	private long cutoverId;

	@Column(nullable = false, updatable = false)
	private String stepKey;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private StepStatus status;

	@Convert(converter = JsonMapConverter.class)
	@ColumnTransformer(write = "?::jsonb")
	@Column(nullable = false, columnDefinition = "jsonb")
	private Map<String, String> fieldValues;

	private String note;

	private Long recordedBy;

	private String onBehalfOf;

	private Instant recordedAt;

	@Version
	private long version;

	protected StepState() {
	}

	StepState(long cutoverId, String stepKey) {
		this.cutoverId = cutoverId;
		this.stepKey = stepKey;
		this.status = StepStatus.PENDING;
		this.fieldValues = Map.of();
	}

	void record(StepStatus status, Map<String, String> fieldValues, String note, long recordedBy, String onBehalfOf,
			Instant now) {
		this.status = status;
		this.fieldValues = Map.copyOf(fieldValues);
		this.note = note;
		this.recordedBy = recordedBy;
		this.onBehalfOf = onBehalfOf;
		this.recordedAt = now;
	}

	/** The same result again from the same person: a double submit, not a change. */
	boolean sameAs(StepStatus status, Map<String, String> fieldValues, String note, long recordedBy) {
		return this.status == status && this.fieldValues.equals(fieldValues)
				&& java.util.Objects.equals(this.note, note) && this.recordedBy != null
				&& this.recordedBy == recordedBy;
	}

	public Long getId() {
		return this.id;
	}

	public long getCutoverId() {
		return this.cutoverId;
	}

	public String getStepKey() {
		return this.stepKey;
	}

	public StepStatus getStatus() {
		return this.status;
	}

	public Map<String, String> getFieldValues() {
		return this.fieldValues;
	}

	public String getNote() {
		return this.note;
	}

	public Long getRecordedBy() {
		return this.recordedBy;
	}

	public String getOnBehalfOf() {
		return this.onBehalfOf;
	}

	public Instant getRecordedAt() {
		return this.recordedAt;
	}

	public long getVersion() {
		return this.version;
	}

}
