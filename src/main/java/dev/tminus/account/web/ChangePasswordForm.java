package dev.tminus.account.web;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

record ChangePasswordForm(
		@NotEmpty(message = "Enter your current password.") @Size(max = 200,
				message = "That is not your current password.") String currentPassword,
		String newPassword, String confirmPassword) {

	static ChangePasswordForm empty() {
		return new ChangePasswordForm("", "", "");
	}

	boolean confirmed() {
		return this.newPassword == null || this.newPassword.equals(this.confirmPassword);
	}

}
