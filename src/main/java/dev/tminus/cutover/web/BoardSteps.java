package dev.tminus.cutover.web;

import dev.tminus.cutover.BoardView;
import dev.tminus.cutover.BoardView.StepView;
import dev.tminus.shared.web.NotFoundException;

final class BoardSteps {

	private BoardSteps() {
	}

	static StepView find(BoardView board, String stepKey) {
		return board.phases()
			.stream()
			.flatMap((phase) -> phase.steps().stream())
			.filter((step) -> step.key().equals(stepKey))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("No step " + stepKey));
	}

}
