package dev.tminus.cutover.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * String maps (run parameters, step field values) as PostgreSQL jsonb.
 */
@Converter
public class JsonMapConverter implements AttributeConverter<Map<String, String>, String> {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
	};

	@Override
	public String convertToDatabaseColumn(Map<String, String> attribute) {
		return json.writeValueAsString((attribute != null) ? attribute : Map.of());
	}

	@Override
	public Map<String, String> convertToEntityAttribute(String column) {
		return (column != null) ? json.readValue(column, MAP) : new LinkedHashMap<>();
	}

	public static String write(Map<String, ?> map) {
		return json.writeValueAsString(map);
	}

	public static Map<String, String> read(String column) {
		return (column != null) ? json.readValue(column, MAP) : new LinkedHashMap<>();
	}

}
