package dev.tminus.timeline;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the timeline is anchored outside the database.
 *
 * @param keyFile the Ed25519 private key that signs checkpoints (0600, generated at first
 * start; its public key is written beside it as {@code <key-file>.pub}); keep it outside
 * the database's data directory and back it up apart from the database
 * @param anchorFile every checkpoint is also appended here (one JSON object a line), so
 * that deleting checkpoints from the database is seen
 * @param checkpointEveryEntries a checkpoint after every this many entries of a cutover
 * @param checkpointInterval and one for every cutover with newer entries this often
 */
@ConfigurationProperties("tminus.timeline")
public record TimelineProperties(@DefaultValue("data/integrity/checkpoint-ed25519.key") Path keyFile,
		@DefaultValue("data/integrity/checkpoints.jsonl") Path anchorFile,
		@DefaultValue("50") int checkpointEveryEntries, @DefaultValue("5m") Duration checkpointInterval) {

}
