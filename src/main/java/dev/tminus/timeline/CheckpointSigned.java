package dev.tminus.timeline;

/**
 * A checkpoint was signed (published in the transaction that stores it, so that its
 * webhook deliveries commit with it).
 */
public record CheckpointSigned(Checkpoint checkpoint) {

}
