package dev.tminus.cutover;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface StepStateRepository extends JpaRepository<StepState, Long> {

	Optional<StepState> findByCutoverIdAndStepKey(long cutoverId, String stepKey);

	/**
	 * The step's row, locked until the transaction ends, with its version raised when the
	 * transaction flushes (even when nothing else changed): of two records of one step,
	 * the second reads the first's result and version, whichever instance serves it.
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select s from StepState s where s.cutoverId = :cutoverId and s.stepKey = :stepKey")
	Optional<StepState> findForUpdate(@Param("cutoverId") long cutoverId, @Param("stepKey") String stepKey);

	List<StepState> findByCutoverId(long cutoverId);

}
