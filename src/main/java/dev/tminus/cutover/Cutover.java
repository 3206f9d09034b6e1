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
 * One run of a runbook template: the aggregate that guards its own status.
 */
@Entity
@Table(name = "cutover")
public class Cutover {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, updatable = false)
	private long templateId;

	@Column(nullable = false)
	private String name;

	@Column(nullable = false)
	private String environment;

	@Column(nullable = false)
	private String releaseRef;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, updatable = false)
	private CutoverKind kind;

	@Column(nullable = false, updatable = false)
	private Instant t0;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private CutoverStatus status;

	@Column(updatable = false)
	private Long retryOf;

	@Convert(converter = JsonMapConverter.class)
	@ColumnTransformer(write = "?::jsonb")
	@Column(nullable = false, updatable = false, columnDefinition = "jsonb")
	private Map<String, String> parameters;

	@Column(nullable = false, updatable = false)
	private long createdBy;

	@Column(nullable = false, updatable = false)
	private Instant createdAt;

	private Instant startedAt;

	@Version
	private long version;

	protected Cutover() {
	}

	Cutover(long templateId, String name, String environment, String releaseRef, CutoverKind kind, Instant t0,
			Long retryOf, Map<String, String> parameters, long createdBy, Instant now) {
		this.templateId = templateId;
		this.name = name;
		this.environment = environment;
		this.releaseRef = releaseRef;
		this.kind = kind;
		this.t0 = t0;
		this.retryOf = retryOf;
		this.parameters = Map.copyOf(parameters);
		this.createdBy = createdBy;
		this.createdAt = now;
		this.status = CutoverStatus.PLANNED;
	}

	/** The war room opens: from now on steps are recorded. */
	void start(Instant now, long icCount) {
		if (this.status != CutoverStatus.PLANNED) {
			throw new CutoverException("This cutover is " + this.status + "; only a PLANNED cutover can start.");
		}
		if (icCount != 1) {
			throw new CutoverException("A cutover cannot start without exactly one Incident Commander (IC) assigned.");
		}
		this.status = CutoverStatus.IN_PROGRESS;
		this.startedAt = now;
	}

	/**
	 * The IC's decision moves the cutover on: GO or NO_GO from a running cutover,
	 * ROLLBACK from a running cutover or after GO. Every decision is final.
	 */
	void decide(String outcome) {
		switch (outcome) {
			case "GO", "NO_GO" -> {
				if (this.status != CutoverStatus.IN_PROGRESS) {
					throw new CutoverException("This cutover is " + this.status + ": " + outcome.replace('_', '-')
							+ " is signed only while it is IN_PROGRESS.");
				}
				this.status = outcome.equals("GO") ? CutoverStatus.GO : CutoverStatus.NO_GO;
			}
			case "ROLLBACK" -> {
				if (this.status != CutoverStatus.IN_PROGRESS && this.status != CutoverStatus.GO) {
					throw new CutoverException("This cutover is " + this.status
							+ ": ROLLBACK is possible only while it runs or after GO.");
				}
				this.status = CutoverStatus.ROLLED_BACK;
			}
			default -> throw new CutoverException("outcome", "Choose GO, NO-GO or ROLLBACK.");
		}
	}

	/**
	 * A GO go-live whose completion criteria hold is COMPLETE; nothing else is.
	 */
	void complete() {
		if (this.status != CutoverStatus.GO) {
			throw new CutoverException(
					"This cutover is " + this.status + ": only a go-live after GO becomes COMPLETE.");
		}
		this.status = CutoverStatus.COMPLETE;
	}

	void requireRolesChangeable() {
		if (this.status.decided() && this.status != CutoverStatus.GO) {
			throw new CutoverException("This cutover is " + this.status + ": its roles are closed.");
		}
	}

	public Long getId() {
		return this.id;
	}

	public long getTemplateId() {
		return this.templateId;
	}

	public String getName() {
		return this.name;
	}

	public String getEnvironment() {
		return this.environment;
	}

	public String getReleaseRef() {
		return this.releaseRef;
	}

	public CutoverKind getKind() {
		return this.kind;
	}

	public Instant getT0() {
		return this.t0;
	}

	public CutoverStatus getStatus() {
		return this.status;
	}

	public Long getRetryOf() {
		return this.retryOf;
	}

	public Map<String, String> getParameters() {
		return this.parameters;
	}

	public long getCreatedBy() {
		return this.createdBy;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getStartedAt() {
		return this.startedAt;
	}

	public long getVersion() {
		return this.version;
	}

}
