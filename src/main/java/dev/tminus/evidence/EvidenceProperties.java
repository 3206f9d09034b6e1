package dev.tminus.evidence;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Evidence uploads.
 *
 * @param maxFileSize the largest evidence file accepted; keep
 * {@code spring.servlet.multipart.max-file-size} in step (application.properties does)
 */
@ConfigurationProperties("tminus.evidence")
public record EvidenceProperties(@DefaultValue("25MB") DataSize maxFileSize) {

	/** The limit as people read it: "25.0 MB". */
	public String maxFileSizeText() {
		return EvidenceService.sizeText(this.maxFileSize.toBytes());
	}

}
