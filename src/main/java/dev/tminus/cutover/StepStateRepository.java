package dev.tminus.cutover;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface StepStateRepository extends JpaRepository<StepState, Long> {

	Optional<StepState> findByCutoverIdAndStepKey(long cutoverId, String stepKey);

	List<StepState> findByCutoverId(long cutoverId);

}
