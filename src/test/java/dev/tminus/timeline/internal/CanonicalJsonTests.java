package dev.tminus.timeline.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CanonicalJsonTests {

	@Test
	void objectKeysAreSortedAtEveryDepth() {
		Map<String, Object> inner = new LinkedHashMap<>();
		inner.put("b", 2);
		inner.put("a", 1);
		Map<String, Object> outer = new LinkedHashMap<>();
		outer.put("z", List.of(inner));
		outer.put("Z", true);
		outer.put("aa", null);
		outer.put("a", "x");

		assertThat(CanonicalJson.write(outer))
			.isEqualTo("{\"Z\":true,\"a\":\"x\",\"aa\":null,\"z\":[{\"a\":1,\"b\":2}]}");
	}

	@Test
	void keysAreSortedByUtf16CodeUnitsLikeRfc8785() {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("\uD83D\uDE00", 1); // U+1F600, surrogates D83D DE00
		map.put("\uFB01", 2); // U+FB01 sorts after the surrogates in UTF-16
		map.put("é", 3);

		assertThat(CanonicalJson.write(map)).isEqualTo("{\"é\":3,\"\uD83D\uDE00\":1,\"\uFB01\":2}");
	}

	@Test
	void numbersOfEqualValueHaveOneForm() {
		assertThat(Arrays.<Number>asList(1, 1L, (short) 1, BigInteger.ONE, new BigDecimal("1.000"),
				new BigDecimal("1E+0"), 1.0, 1.0f))
			.extracting(CanonicalJson::number)
			.containsOnly("1");
		assertThat(CanonicalJson.number(new BigDecimal("287.500"))).isEqualTo("287.5");
		assertThat(CanonicalJson.number(1e20)).isEqualTo("100000000000000000000");
		assertThat(CanonicalJson.number(new BigInteger("100000000000000000000"))).isEqualTo("100000000000000000000");
		assertThat(CanonicalJson.number(1.0e-7)).isEqualTo("0.0000001");
		assertThat(CanonicalJson.number(new BigDecimal("-0.0"))).isEqualTo("0");
		assertThat(CanonicalJson.number(-2.5)).isEqualTo("-2.5");
		assertThat(CanonicalJson.number(0.1)).isEqualTo("0.1");
	}

	@Test
	void refusesWhatJsonCannotHold() {
		assertThatIllegalArgumentException().isThrownBy(() -> CanonicalJson.write(Double.NaN));
		assertThatIllegalArgumentException().isThrownBy(() -> CanonicalJson.write(Double.POSITIVE_INFINITY));
		assertThatIllegalArgumentException().isThrownBy(() -> CanonicalJson.write(Set.of("unordered")));
		assertThatIllegalArgumentException().isThrownBy(() -> CanonicalJson.write(Map.of(1, "numeric key")));
		assertThatIllegalArgumentException().isThrownBy(() -> CanonicalJson.write(new Object()));
	}

	@Test
	void stringsEscapeOnlyQuotesBackslashesAndControlCharacters() {
		assertThat(CanonicalJson.write("say \"hi\" \\ \b\f\n\r\t \u0001\u001f \u007f é ✓ 🚀 </script> \u2028"))
			.isEqualTo("\"say \\\"hi\\\" \\\\ \\b\\f\\n\\r\\t \\u0001\\u001f \u007f é ✓ 🚀 </script> \u2028\"");
	}

}
