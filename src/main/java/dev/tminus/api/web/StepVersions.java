package dev.tminus.api.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tminus.api.internal.ApiRequestException;

import org.springframework.http.HttpStatus;

/**
 * The step version a script says it saw: the {@code version} parameter or the
 * {@code If-Match} header ({@code "3"}, {@code W/"3"} or {@code 3}), not both different.
 */
final class StepVersions {

	private static final Pattern ETAG = Pattern.compile("(?:W/)?\"?(\\d{1,18})\"?");

	private StepVersions() {
	}

	/** The version seen, or {@code null} when neither is given. */
	static Long seen(Long version, String ifMatch) {
		Long fromHeader = null;
		if (ifMatch != null && !ifMatch.isBlank()) {
			Matcher matcher = ETAG.matcher(ifMatch.strip());
			if (!matcher.matches()) {
				throw new ApiRequestException(HttpStatus.BAD_REQUEST,
						"If-Match must be the step's version, like \"3\" (from GET /api/v1/cutovers/{id}), not "
								+ ((ifMatch.length() > 40) ? ifMatch.substring(0, 40) + "…" : ifMatch) + ".");
			}
			fromHeader = Long.valueOf(matcher.group(1));
		}
		if (version != null && fromHeader != null && !version.equals(fromHeader)) {
			throw new ApiRequestException(HttpStatus.BAD_REQUEST,
					"version=" + version + " and If-Match: \"" + fromHeader + "\" disagree: send one of them.");
		}
		if (version != null && version < 0) {
			throw new ApiRequestException(HttpStatus.BAD_REQUEST, "version must be 0 or more.");
		}
		return (version != null) ? version : fromHeader;
	}

}
