package dev.tminus.gate;

import java.util.List;
import java.util.Map;

import dev.tminus.evidence.EvidenceView;

/**
 * The gate board fragment: gates by group, each with its status, its latest result and
 * its evidence, and the steps that ask for evidence.
 *
 * @param open whether results and evidence are accepted now (the cutover runs)
 * @param maxFileSize the upload limit, as people read it ("25MB")
 */
public record GateBoardView(long cutoverId, boolean open, String maxFileSize, List<GroupView> groups,
		List<StepEvidenceView> steps) {

	public record GroupView(String name, List<GateView> gates) {
	}

	/**
	 * @param latestMeasured the values of the latest result
	 * @param latestEvaluation the latest result's per-measure reasons
	 * @param note the latest result's note
	 * @param canRecord whether the viewer may record a result and attach evidence
	 */
	public record GateView(String key, String title, String ownerKey, String ownerTitle, List<String> holders,
			String input, String passCriteria, String threshold, boolean hard, String failureClassification,
			String noGoAction, List<String> evidenceFiles, List<MeasureView> measures, boolean computed,
			GateStatus status, String recordedAtUtc, Map<String, String> latestMeasured, List<String> latestEvaluation,
			String note, List<EvidenceView> evidence, boolean canRecord) {
	}

	/**
	 * @param threshold "≤ 500 ms", "== ceb56f…", "== BEFORE_CANON_HASH" or empty
	 */
	public record MeasureView(String key, String label, String unit, String threshold) {
	}

	/**
	 * @param missing the required evidence that nothing attached stands for yet
	 * @param evidence what is attached to the step itself
	 */
	public record StepEvidenceView(String key, String title, String ownerTitle, List<String> evidenceFiles,
			List<String> missing, List<EvidenceView> evidence, boolean canUpload) {
	}

}
