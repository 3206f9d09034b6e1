package dev.tminus.cutover.web;

import dev.tminus.cutover.CutoverKind;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record CreateCutoverForm(@NotBlank(message = "Choose a runbook template.") String templateKey,
		@NotBlank(message = "Give the cutover a name.") @Size(max = 200,
				message = "Use at most 200 characters.") String name,
		@NotBlank(message = "Name the environment (prod, dev...).") @Size(max = 100,
				message = "Use at most 100 characters.") String environment,
		@NotBlank(message = "Give the release SHA or tag.") @Size(max = 200,
				message = "Use at most 200 characters.") String releaseRef,
		@NotNull(message = "Choose rehearsal or live.") CutoverKind kind,
		@NotBlank(message = "Enter T-0 as a UTC time like 2026-11-22T21:00:00Z.") @Size(max = 40,
				message = "Enter T-0 as a UTC time like 2026-11-22T21:00:00Z.") String t0) {

	static CreateCutoverForm forTemplate(String templateKey) {
		return new CreateCutoverForm(templateKey, "", "", "", CutoverKind.REHEARSAL, "");
	}

}
