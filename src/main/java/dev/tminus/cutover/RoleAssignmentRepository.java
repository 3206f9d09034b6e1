package dev.tminus.cutover;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface RoleAssignmentRepository extends JpaRepository<RoleAssignment, Long> {

	List<RoleAssignment> findByCutoverId(long cutoverId);

	List<RoleAssignment> findByCutoverIdAndRoleKey(long cutoverId, String roleKey);

	long countByCutoverIdAndRoleKey(long cutoverId, String roleKey);

	boolean existsByCutoverIdAndRoleKeyAndAccountId(long cutoverId, String roleKey, long accountId);

}
