package dev.tminus.live.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SignalTests {

	@Test
	void readsTheNotifyPayloadCutoverIdSignalIdTopic() {
		assertThat(Signal.parse("42:1234:steps")).contains(new Signal(1234, 42, "steps"));
		assertThat(Signal.parse("7:8:go-live-2")).contains(new Signal(8, 7, "go-live-2"));
	}

	@Test
	void ignoresPayloadsItDidNotWrite() {
		assertThat(Signal.parse(null)).isEmpty();
		assertThat(Signal.parse("")).isEmpty();
		assertThat(Signal.parse("42:steps")).isEmpty();
		assertThat(Signal.parse("42:1:Steps")).isEmpty();
		assertThat(Signal.parse("42:1:steps\"}")).isEmpty();
		assertThat(Signal.parse("99999999999999999999:1:steps")).isEmpty();
	}

	@Test
	void writesTheEventDataAsJson() {
		assertThat(new Signal(1234, 42, "steps").json())
			.isEqualTo("{\"cutoverId\":42,\"topic\":\"steps\",\"id\":1234}");
	}

}
