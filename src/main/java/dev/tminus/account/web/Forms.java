package dev.tminus.account.web;

import dev.tminus.account.AccountException;

import org.springframework.validation.BindingResult;

final class Forms {

	private Forms() {
	}

	static void reject(BindingResult binding, AccountException ex) {
		if (ex.field() != null) {
			binding.rejectValue(ex.field(), "invalid", ex.getMessage());
		}
		else {
			binding.reject("invalid", ex.getMessage());
		}
	}

}
