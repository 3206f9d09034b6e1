package dev.tminus.evidence;

import org.springframework.core.io.InputStreamSource;

/**
 * An uploaded file. The content is read twice (hash, then store), never held in memory as
 * a whole.
 *
 * @param fileName as the browser sent it
 * @param size in bytes, as the multipart part says
 * @param content e.g. a {@code MultipartFile}
 */
public record NewEvidenceFile(String fileName, String contentType, long size, InputStreamSource content) {

}
