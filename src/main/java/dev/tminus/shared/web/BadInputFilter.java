package dev.tminus.shared.web;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ContentDisposition;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Input no field of T-Minus can take, refused once for all, before any controller,
 * security filter or session store reads it: a NUL character in any parameter or file
 * name (PostgreSQL cannot store it in text), a multipart body that does not parse, or a
 * part whose {@code Content-Disposition} is malformed (a broken {@code filename*}). The
 * answer is a 400 that says what was wrong: a page for people, an RFC 9457 problem for
 * the API. Oversized uploads pass on, to be answered 413 where the limit is known.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BadInputFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(BadInputFilter.class);

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String problem = problem(request);
		if (problem != null) {
			log.info("Bad input refused: {} {}: {}", request.getMethod(), request.getRequestURI(), problem);
			refuse(request, response, problem);
			return;
		}
		chain.doFilter(request, response);
	}

	private static String problem(HttpServletRequest request) {
		String contentType = request.getContentType();
		if (contentType != null && contentType.toLowerCase().startsWith("multipart/")
				&& !"GET".equals(request.getMethod())) {
			String multipart = multipartProblem(request);
			if (multipart != null) {
				return multipart;
			}
		}
		for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
			if (hasNul(parameter.getKey())) {
				return "A field name contains a NUL character (\\0), which T-Minus cannot store.";
			}
			for (String value : parameter.getValue()) {
				if (hasNul(value)) {
					return "The field '" + printable(parameter.getKey())
							+ "' contains a NUL character (\\0), which T-Minus cannot store. Remove it and send again.";
				}
			}
		}
		return null;
	}

	private static String multipartProblem(HttpServletRequest request) {
		try {
			for (Part part : request.getParts()) {
				if (hasNul(part.getName())) {
					return "A field name contains a NUL character (\\0).";
				}
				String disposition = part.getHeader("Content-Disposition");
				if (disposition != null) {
					ContentDisposition parsed;
					try {
						parsed = ContentDisposition.parse(disposition);
					}
					catch (IllegalArgumentException ex) {
						return "The part '" + printable(part.getName())
								+ "' has a malformed Content-Disposition header (its file name cannot be read).";
					}
					if (parsed.getFilename() != null && hasNul(parsed.getFilename())) {
						return "The file name of the part '" + printable(part.getName())
								+ "' contains a NUL character (\\0). Rename the file and upload it again.";
					}
				}
			}
			return null;
		}
		catch (IOException | ServletException | RuntimeException ex) {
			if (tooLarge(ex)) {
				return null; // the upload limit's own answer (413) comes later
			}
			if (ex.getClass().getSimpleName().equals("InvalidFileNameException")) {
				return "A file name contains a NUL character (\\0). Rename the file and upload it again.";
			}
			return "The multipart body could not be read (" + printable(rootMessage(ex))
					+ "). Send it again as multipart/form-data with a valid boundary.";
		}
	}

	private static boolean tooLarge(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String name = cause.getClass().getSimpleName();
			if (name.contains("SizeLimitExceeded") || name.contains("SizeException")
					|| name.equals("MaxUploadSizeExceededException")) {
				return true;
			}
		}
		return false;
	}

	static boolean hasNul(String text) {
		return text != null && text.indexOf('\0') >= 0;
	}

	private static String printable(String text) {
		String shown = (text == null) ? "" : text.replace("\0", "\\0").replaceAll("\\p{Cntrl}", "?");
		return (shown.length() > 80) ? shown.substring(0, 80) + "…" : shown;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response, String problem)
			throws IOException {
		Refusals.write(request, response, HttpServletResponse.SC_BAD_REQUEST, "Input refused", problem,
				"Nothing was saved. Go back with your browser's Back button: what you typed is still there.");
	}

}
