package dev.tminus.account.web;

import dev.tminus.account.GlobalRole;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

record CreateAccountForm(
		@NotBlank(message = "Enter a username.") @Size(max = 40, message = "Use at most 40 characters.") @Pattern(
				regexp = "^\\s*[A-Za-z0-9][A-Za-z0-9._-]{1,39}\\s*$",
				message = "2-40 characters: letters a-z, digits, dot, dash or underscore, starting with a letter or digit.") String username,
		@NotBlank(message = "Enter a display name.") @Size(max = 100,
				message = "Use at most 100 characters.") String displayName,
		@NotNull(message = "Choose a role.") GlobalRole role, String password) {

	static CreateAccountForm empty() {
		return new CreateAccountForm("", "", GlobalRole.MEMBER, "");
	}

}
