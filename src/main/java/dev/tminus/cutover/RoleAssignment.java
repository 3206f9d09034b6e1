package dev.tminus.cutover;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An account holding one of the template's roles on a cutover, now.
 */
@Entity
@Table(name = "cutover_role")
public class RoleAssignment {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, updatable = false)
	private long cutoverId;

	@Column(nullable = false, updatable = false)
	private String roleKey;

	@Column(nullable = false, updatable = false)
	private long accountId;

	@Column(nullable = false, updatable = false)
	private Instant assignedAt;

	@Column(nullable = false, updatable = false)
	private long assignedBy;

	protected RoleAssignment() {
	}

	RoleAssignment(long cutoverId, String roleKey, long accountId, long assignedBy, Instant now) {
		this.cutoverId = cutoverId;
		this.roleKey = roleKey;
		this.accountId = accountId;
		this.assignedBy = assignedBy;
		this.assignedAt = now;
	}

	public Long getId() {
		return this.id;
	}

	public long getCutoverId() {
		return this.cutoverId;
	}

	public String getRoleKey() {
		return this.roleKey;
	}

	public long getAccountId() {
		return this.accountId;
	}

	public Instant getAssignedAt() {
		return this.assignedAt;
	}

}
